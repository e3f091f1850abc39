package cn.township.messaging.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ByIdTest {

    static String json(Bson filter) {
        return filter.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()).toJson();
    }

    @Test
    void theKeyStaysATopLevelFieldSoTheServerCanUseItsPrimaryKey() {
        assertThat(json(Filters.and(Filters.eq("_id", "C-1"), Filters.eq("version", 3L))))
                .as("what the driver does by itself").startsWith("{\"$and\"");
        assertThat(json(ById.where("C-1", Filters.eq("version", 3L))))
                .isEqualTo("{\"_id\": \"C-1\", \"version\": 3}");
        assertThat(json(ById.where("T-1", Filters.ne("inbox", "e-1"), Filters.lt("leaseUntil", 5))))
                .isEqualTo("{\"_id\": \"T-1\", \"inbox\": {\"$ne\": \"e-1\"}, \"leaseUntil\": {\"$lt\": 5}}");
        assertThat(json(ById.whereIn(List.of("a", "b"), Filters.eq("status", "OPEN"))))
                .isEqualTo("{\"_id\": {\"$in\": [\"a\", \"b\"]}, \"status\": \"OPEN\"}");
    }

    @Test
    void twoConditionsOnOneFieldKeepTheirMeaning() {
        assertThat(json(ById.where("C-1", Filters.gt("n", 1), Filters.lt("n", 5))))
                .isEqualTo("{\"$and\": [{\"_id\": \"C-1\"}, {\"n\": {\"$gt\": 1}}, {\"n\": {\"$lt\": 5}}]}");
        assertThat(json(ById.where("C-1", Filters.eq("_id", "C-2"))))
                .as("a second condition on the key itself").startsWith("{\"$and\"");
    }
}
