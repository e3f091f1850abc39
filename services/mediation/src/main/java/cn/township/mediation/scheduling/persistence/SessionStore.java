package cn.township.mediation.scheduling.persistence;

import cn.township.contracts.mediation.MediationEvent;
import cn.township.mediation.persistence.Bson;
import cn.township.mediation.scheduling.Reminder;
import cn.township.mediation.scheduling.Session;
import cn.township.mediation.scheduling.SessionStatus;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.outbox.OutboxStore;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sessions in MongoDB, each document carrying its unsent events. */
@Component
public class SessionStore {

    private final OutboxStore store;

    public SessionStore(MongoDatabase database, OutboxRelay relay, Clock clock) {
        this.store = new OutboxStore(database.getCollection("sessions"), relay, clock);
        store.collection().createIndex(Indexes.ascending("resources"));
        store.collection().createIndex(Indexes.ascending("fileId"));
        store.collection().createIndex(Indexes.ascending("nextReminderAt"));
    }

    public void insert(Session session, List<MediationEvent> events) {
        store.insert(toDocument(session), events);
    }

    public boolean update(Session session, List<MediationEvent> events) {
        return store.update(session.id(), session.version(), toDocument(session), events);
    }

    public Optional<Session> find(String id) {
        return Optional.ofNullable(store.collection().find(Filters.eq("_id", id)).first()).map(SessionStore::toSession);
    }

    public List<Session> ofFile(String fileId) {
        return store.collection().find(Filters.eq("fileId", fileId)).sort(Sorts.ascending("startsAt"))
                .map(SessionStore::toSession).into(new ArrayList<>());
    }

    /** Every session (any status) holding the resource, for the person's calendar feed. */
    public List<Session> holding(String resource, Instant from) {
        return store.collection().find(Filters.and(Filters.eq("resources", resource), Filters.gt("endsAt", Bson.date(from))))
                .sort(Sorts.ascending("startsAt")).map(SessionStore::toSession).into(new ArrayList<>());
    }

    /** Scheduled sessions with a reminder due by now. */
    public List<Session> remindersDue(Instant now, int limit) {
        return store.collection().find(Filters.lte("nextReminderAt", Bson.date(now))).limit(limit)
                .map(SessionStore::toSession).into(new ArrayList<>());
    }

    static Document toDocument(Session s) {
        return new Document("_id", s.id()).append("fileId", s.fileId()).append("caseId", s.caseId())
                .append("village", s.village()).append("round", s.round()).append("startsAt", Bson.date(s.startsAt()))
                .append("endsAt", Bson.date(s.endsAt())).append("room", s.room())
                .append("participants", s.participants().stream().map(Bson::participant).toList())
                .append("parties", s.parties().stream().map(Bson::party).toList()).append("agencies", s.agencies())
                .append("status", s.status().name())
                .append("reminders", s.reminders().stream().map(r -> new Document("before", r.before().toString())
                        .append("dueAt", Bson.date(r.dueAt())).append("state", r.state().name())).toList())
                .append("nextReminderAt", Bson.date(s.nextReminderAt())).append("sequence", s.sequence())
                .append("reason", s.reason()).append("bookedBy", s.bookedBy()).append("resources", s.resources());
    }

    static Session toSession(Document d) {
        return new Session(d.getString("_id"), d.getString("fileId"), d.getString("caseId"), d.getString("village"),
                d.getInteger("round"), Bson.instant(d, "startsAt"), Bson.instant(d, "endsAt"), d.getString("room"),
                Bson.docs(d, "participants").stream().map(Bson::participant).toList(),
                Bson.docs(d, "parties").stream().map(Bson::party).toList(), Bson.strings(d, "agencies"),
                SessionStatus.valueOf(d.getString("status")),
                Bson.docs(d, "reminders").stream().map(r -> new Reminder(Duration.parse(r.getString("before")),
                        Bson.instant(r, "dueAt"), Reminder.State.valueOf(r.getString("state")))).toList(),
                d.getInteger("sequence", 0), d.getString("reason"), d.getString("bookedBy"),
                d.get(OutboxStore.VERSION, Number.class).longValue());
    }
}
