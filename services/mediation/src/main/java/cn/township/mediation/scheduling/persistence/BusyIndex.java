package cn.township.mediation.scheduling.persistence;

import cn.township.mediation.persistence.Bson;
import cn.township.mediation.scheduling.Interval;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read model for find-slot: per resource and UTC month, one small document listing the spans the resource
 * is booked, so a search over a 30-day horizon reads two documents per person or room by id instead of
 * scanning sessions. It is advisory: the claims decide bookings, so a span missing here after a crash can only
 * make find-slot offer a time that booking then refuses with 409. Writes are idempotent ($addToSet/$pull).
 */
@Component
public class BusyIndex {

    private final MongoCollection<Document> busy;

    public BusyIndex(MongoDatabase database) {
        this.busy = database.getCollection("busy");
    }

    public void add(String sessionId, Collection<String> resources, Interval when) {
        Document span = new Document("s", Bson.date(when.start())).append("e", Bson.date(when.end())).append("id", sessionId);
        for (String resource : resources) {
            for (String id : buckets(resource, when.start(), when.end())) {
                busy.updateOne(Filters.eq("_id", id), Updates.addToSet("spans", span), new UpdateOptions().upsert(true));
            }
        }
    }

    public void remove(String sessionId, Collection<String> resources, Interval when) {
        for (String resource : resources) {
            for (String id : buckets(resource, when.start(), when.end())) {
                busy.updateOne(Filters.eq("_id", id), Updates.pullByFilter(new Document("spans", new Document("id", sessionId))));
            }
        }
    }

    /** The booked spans of each resource overlapping [from, to). */
    public Map<String, List<Interval>> busy(Collection<String> resources, Instant from, Instant to) {
        List<String> ids = new ArrayList<>();
        resources.forEach(r -> ids.addAll(buckets(r, from, to)));
        Map<String, List<Interval>> result = new HashMap<>();
        Interval horizon = new Interval(from, to);
        // one lookup by _id per bucket: served from the _id index on MongoDB and the embedded server alike
        ids.stream().map(id -> busy.find(Filters.eq("_id", id)).first()).filter(java.util.Objects::nonNull).forEach(d -> {
            String id = d.getString("_id");
            String resource = id.substring(0, id.lastIndexOf('|'));
            for (Document span : Bson.docs(d, "spans")) {
                Interval i = new Interval(Bson.instant(span, "s"), Bson.instant(span, "e"));
                if (i.overlaps(horizon)) {
                    result.computeIfAbsent(resource, k -> new ArrayList<>()).add(i);
                }
            }
        });
        return result;
    }

    static Set<String> buckets(String resource, Instant from, Instant to) {
        Set<String> ids = new LinkedHashSet<>();
        YearMonth last = YearMonth.from(to.minusNanos(1).atZone(ZoneOffset.UTC));
        for (YearMonth m = YearMonth.from(from.atZone(ZoneOffset.UTC)); !m.isAfter(last); m = m.plusMonths(1)) {
            ids.add(resource + "|" + m);
        }
        return ids;
    }
}
