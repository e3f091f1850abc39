package cn.township.messaging.it;

import cn.township.contracts.Topics;
import cn.township.contracts.intake.TicketReceived;
import cn.township.messaging.MessagingTopics;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.consume.Inbox;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.outbox.OutboxStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import cn.township.messaging.outbox.RelayProbe;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A minimal service for the library's tests: stores tickets through the outbox and counts them per village. */
@SpringBootApplication
public class MessagingTestApplication {

    @Bean
    KafkaAdmin.NewTopics testTopics() {
        return MessagingTopics.withDeadLetters(3, Topics.INTAKE_TICKETS);
    }

    @Bean
    OutboxStore tickets(MongoDatabase database, OutboxRelay relay, Clock clock) {
        return new OutboxStore(database.getCollection("tickets"), relay, clock);
    }

    @Bean
    RelayProbe relayProbe(OutboxRelay relay, MongoDatabase database, KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put("enable.idempotence", true);
        config.put("acks", "all");
        return new RelayProbe(relay, database.getCollection("tickets"), config);
    }

    /** Applies each TicketReceived once to a per-village counter, however often it is delivered. */
    @Component
    static class VillageCounter {

        private final MongoDatabase database;

        VillageCounter(MongoDatabase database) {
            this.database = database;
        }

        @KafkaListener(topics = Topics.INTAKE_TICKETS, groupId = "messaging-test")
        void on(InboundEvent event) {
            apply(event);
        }

        void apply(InboundEvent event) {
            if (!(event.payload() instanceof TicketReceived ticket)) {
                return;
            }
            if (ticket.content().contains("FAIL")) {
                throw new IllegalStateException("listener refused " + ticket.ticketId());
            }
            try {
                database.getCollection("counters").updateOne(
                        Filters.and(Filters.eq("_id", ticket.village()), Inbox.notYetApplied(event.id())),
                        Updates.combine(Updates.inc("tickets", 1), Inbox.markApplied(event.id())),
                        new UpdateOptions().upsert(true));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // the counter exists and has already applied this event: nothing to do
            }
        }

        long count(String village) {
            Document d = database.getCollection("counters").find(Filters.eq("_id", village)).first();
            return d == null ? 0 : ((Number) d.get("tickets")).longValue();
        }
    }
}
