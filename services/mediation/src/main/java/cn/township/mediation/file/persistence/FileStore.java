package cn.township.mediation.file.persistence;

import cn.township.contracts.mediation.DisputeType;
import cn.township.contracts.mediation.MediationEvent;
import cn.township.contracts.mediation.SessionOutcome;
import cn.township.mediation.file.Acknowledgement;
import cn.township.mediation.file.Agreement;
import cn.township.mediation.file.FileStatus;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.Round;
import cn.township.mediation.file.Step;
import cn.township.mediation.file.StepKind;
import cn.township.mediation.persistence.Bson;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.outbox.OutboxStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Mediation files in MongoDB; each write stores the file and the events it caused together. */
@Component
public class FileStore {

    private final OutboxStore store;

    FileStore(MongoDatabase database, OutboxRelay relay, Clock clock) {
        this.store = new OutboxStore(database.getCollection("files"), relay, clock);
        store.collection().createIndex(Indexes.ascending("village"));
        store.collection().createIndex(Indexes.ascending("parties.household"));
    }

    /** Inserts a new file; false when the id exists already (a replayed hand-down or request). */
    public boolean insert(MediationFile file, List<MediationEvent> events) {
        try {
            store.insert(toDocument(file), events);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces the file if nobody changed it since it was read; false on a version conflict. */
    public boolean update(MediationFile file, List<MediationEvent> events) {
        return store.update(file.id(), file.version(), toDocument(file), events);
    }

    public Optional<MediationFile> find(String id) {
        return Optional.ofNullable(store.collection().find(Filters.eq("_id", id)).first()).map(FileStore::toFile);
    }

    public List<MediationFile> list(@Nullable String village, @Nullable String household, int limit) {
        var filters = new ArrayList<org.bson.conversions.Bson>();
        if (village != null) {
            filters.add(Filters.eq("village", village));
        }
        if (household != null) {
            filters.add(Filters.eq("parties.household", household));
        }
        var query = filters.isEmpty() ? new Document() : Filters.and(filters);
        return store.collection().find(query).sort(Sorts.descending("openedAt")).limit(limit).map(FileStore::toFile)
                .into(new ArrayList<>());
    }

    static Document toDocument(MediationFile f) {
        Agreement a = f.agreement();
        return new Document("_id", f.id()).append("caseId", f.caseId()).append("village", f.village())
                .append("disputeType", f.disputeType().name())
                .append("parties", f.parties().stream().map(Bson::party).toList())
                .append("confidential", f.confidential()).append("plan", f.plan()).append("status", f.status().name())
                .append("steps", f.steps().stream().map(s -> new Document("kind", s.kind().name()).append("who", s.who())
                        .append("at", Bson.date(s.at())).append("said", s.said()).append("recordedBy", s.recordedBy()))
                        .toList())
                .append("rounds", f.rounds().stream().map(r -> new Document("number", r.number())
                        .append("sessionId", r.sessionId()).append("outcome", r.outcome().name())
                        .append("attendees", r.attendees().stream().map(Bson::participant).toList())
                        .append("partiesPresent", r.partiesPresent()).append("minutes", r.minutes())
                        .append("at", Bson.date(r.at()))).toList())
                .append("agreement", a == null ? null : new Document("terms", a.terms()).append("at", Bson.date(a.at()))
                        .append("acknowledgements", a.acknowledgements().stream().map(k -> new Document("party", k.party())
                                .append("method", k.method()).append("at", Bson.date(k.at()))).toList()))
                .append("openedBy", f.openedBy()).append("openedAt", Bson.date(f.openedAt()));
    }

    static MediationFile toFile(Document d) {
        Document a = d.get("agreement", Document.class);
        Agreement agreement = a == null ? null : new Agreement(Bson.strings(a, "terms"), Bson.docs(a, "acknowledgements")
                .stream().map(k -> new Acknowledgement(k.getString("party"), k.getString("method"), Bson.instant(k, "at")))
                .toList(), Bson.instant(a, "at"));
        return new MediationFile(d.getString("_id"), d.getString("caseId"), d.getString("village"),
                DisputeType.valueOf(d.getString("disputeType")),
                Bson.docs(d, "parties").stream().map(Bson::party).toList(), d.getBoolean("confidential", false),
                d.getString("plan"), FileStatus.valueOf(d.getString("status")),
                Bson.docs(d, "steps").stream().map(s -> new Step(StepKind.valueOf(s.getString("kind")),
                        Bson.strings(s, "who"), Bson.instant(s, "at"), s.getString("said"), s.getString("recordedBy")))
                        .toList(),
                Bson.docs(d, "rounds").stream().map(r -> new Round(r.getInteger("number"), r.getString("sessionId"),
                        SessionOutcome.valueOf(r.getString("outcome")),
                        Bson.docs(r, "attendees").stream().map(Bson::participant).toList(),
                        Bson.strings(r, "partiesPresent"), r.getString("minutes"), Bson.instant(r, "at"))).toList(),
                agreement, d.getString("openedBy"), Bson.instant(d, "openedAt"),
                d.get(OutboxStore.VERSION, Number.class).longValue());
    }
}
