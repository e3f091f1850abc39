package cn.township.dispatch.supervision;

import cn.township.contracts.dispatch.DigestLine;
import cn.township.contracts.dispatch.SupervisionDigestIssued;
import cn.township.dispatch.DispatchProperties;
import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.persistence.CaseRepository;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.outbox.OutboxStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Issues the daily supervision digest once the configured local time has passed: one document per day
 * ({@code digest-YYYY-MM-DD}) inserted with its event, so however many instances try, one succeeds.
 */
@Component
public class DigestIssuer {

    private final CaseRepository cases;
    private final OutboxStore digests;
    private final Clock clock;
    private final DispatchProperties.Digest settings;
    private volatile LocalDate lastIssued;

    DigestIssuer(CaseRepository cases, MongoDatabase database, OutboxRelay relay, Clock clock,
                 DispatchProperties properties) {
        this.cases = cases;
        this.digests = new OutboxStore(database.getCollection("digests"), relay, clock);
        this.clock = clock;
        this.settings = properties.digest();
    }

    /** The day whose digest is due now, or null before the day's issue time. */
    static LocalDate dueDay(ZonedDateTime now, DispatchProperties.Digest settings) {
        return now.toLocalTime().isBefore(settings.at()) ? null : now.toLocalDate();
    }

    /** @return true when this call issued the day's digest */
    public boolean issueIfDue() {
        LocalDate day = dueDay(ZonedDateTime.ofInstant(clock.instant(), ZoneId.of(settings.zone())), settings);
        if (day == null || day.equals(lastIssued)) {
            return false;
        }
        String id = "digest-" + day;
        if (digests.collection().find(new Document("_id", id)).first() != null) {
            lastIssued = day;
            return false;
        }
        List<Case> open = new ArrayList<>();
        cases.forEachOpen(open::add);
        List<DigestLine> lines = lines(open, clock);
        try {
            digests.insert(new Document("_id", id).append("day", day.toString()).append("lines", lines.size()),
                    List.of(new SupervisionDigestIssued(id, day, lines, clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            lastIssued = day;
            return false;
        }
        lastIssued = day;
        return true;
    }

    static List<DigestLine> lines(List<Case> open, Clock clock) {
        List<DigestLine> lines = new ArrayList<>();
        lines.add(line(Supervision.digest(open, Digest.Scope.SECRETARY, null, clock.instant())));
        new TreeSet<>(open.stream().map(Case::leadDepartment).filter(Objects::nonNull).toList()).forEach(d ->
                lines.add(line(Supervision.digest(open, Digest.Scope.DEPARTMENT, d, clock.instant()))));
        new TreeSet<>(open.stream().map(Case::village).filter(Objects::nonNull).toList()).forEach(v ->
                lines.add(line(Supervision.digest(open, Digest.Scope.VILLAGE, v, clock.instant()))));
        return lines;
    }

    private static DigestLine line(Digest d) {
        return new DigestLine(d.scope().name(), d.unit(), d.open(), d.overdue(), d.breached(), d.urged(), d.returned(),
                d.lateAgencies());
    }
}
