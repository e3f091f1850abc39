package cn.township.mediation.scheduling.persistence;

import cn.township.mediation.persistence.Bson;
import cn.township.mediation.scheduling.Interval;
import cn.township.mediation.scheduling.SessionStatus;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read model for find-slot: per resource and week, one small document listing the spans the resource is
 * booked, each as one string {@code "<start epoch s>/<end epoch s>/<session id>"}, so a search over a 30-day
 * horizon reads five or six documents per person or room in ONE query by id instead of scanning sessions,
 * and decodes strings rather than sub-documents. It is advisory: the claims decide bookings, so a span
 * missing here after a crash can only make find-slot offer a time that booking then refuses with 409.
 * Writes are idempotent ($addToSet/$pull). Built from the sessions when found empty (a new database, or
 * the month-bucketed index of earlier versions, kept in {@code busy}, which this one replaces).
 */
@Component
public class BusyIndex {

    private static final Logger log = LoggerFactory.getLogger(BusyIndex.class);
    private static final long WEEK_SECONDS = 7 * 86_400L;

    private final MongoCollection<Document> busy;

    public BusyIndex(MongoDatabase database) {
        this.busy = database.getCollection("busy-weeks");
        MongoCollection<Document> sessions = database.getCollection("sessions");
        if (busy.find().limit(1).first() == null && sessions.find().limit(1).first() != null) {
            int n = 0;
            for (Document s : sessions.find(Filters.ne("status", SessionStatus.CANCELLED.name()))
                    .projection(Projections.include("startsAt", "endsAt", "resources"))) {
                add(s.getString("_id"), Bson.strings(s, "resources"),
                        new Interval(Bson.instant(s, "startsAt"), Bson.instant(s, "endsAt")));
                n++;
            }
            log.info("busy index built from {} sessions", n);
        }
    }

    public void add(String sessionId, Collection<String> resources, Interval when) {
        String span = span(sessionId, when);
        for (String resource : resources) {
            for (String id : buckets(resource, when.start(), when.end())) {
                busy.updateOne(Filters.eq("_id", id), Updates.addToSet("spans", span), new UpdateOptions().upsert(true));
            }
        }
    }

    public void remove(String sessionId, Collection<String> resources, Interval when) {
        String span = span(sessionId, when);
        for (String resource : resources) {
            for (String id : buckets(resource, when.start(), when.end())) {
                busy.updateOne(Filters.eq("_id", id), Updates.pull("spans", span));
            }
        }
    }

    /** The booked spans of each resource overlapping [from, to). */
    public Map<String, List<Interval>> busy(Collection<String> resources, Instant from, Instant to) {
        List<String> ids = new ArrayList<>();
        resources.forEach(r -> ids.addAll(buckets(r, from, to)));
        Map<String, Set<String>> spans = new HashMap<>();
        // one round trip for every bucket, by _id only: served from the _id index on MongoDB and the embedded server alike
        busy.find(Filters.in("_id", ids)).forEach(d -> {
            String id = d.getString("_id");
            spans.computeIfAbsent(id.substring(0, id.lastIndexOf('|')), k -> new LinkedHashSet<>())
                    .addAll(d.getList("spans", String.class, List.of()));
        });
        long fromSecond = from.getEpochSecond();
        long toSecond = to.getEpochSecond();
        Map<String, List<Interval>> result = new HashMap<>();
        spans.forEach((resource, all) -> {
            for (String span : all) { // a span across a week boundary sits in both weeks: the set holds it once
                int a = span.indexOf('/');
                int b = span.indexOf('/', a + 1);
                long start = Long.parseLong(span, 0, a, 10);
                long end = Long.parseLong(span, a + 1, b, 10);
                if (start < toSecond && end > fromSecond) {
                    result.computeIfAbsent(resource, k -> new ArrayList<>())
                            .add(new Interval(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end)));
                }
            }
        });
        return result;
    }

    private static String span(String sessionId, Interval when) {
        return when.start().getEpochSecond() + "/" + when.end().getEpochSecond() + "/" + sessionId;
    }

    static Set<String> buckets(String resource, Instant from, Instant to) {
        Set<String> ids = new LinkedHashSet<>();
        long last = Math.floorDiv(to.minusNanos(1).getEpochSecond(), WEEK_SECONDS);
        for (long week = Math.floorDiv(from.getEpochSecond(), WEEK_SECONDS); week <= last; week++) {
            ids.add(resource + "|w" + week);
        }
        return ids;
    }
}
