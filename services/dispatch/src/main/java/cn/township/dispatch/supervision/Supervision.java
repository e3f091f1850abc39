package cn.township.dispatch.supervision;

import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.Summons;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Builds a digest from the open cases: pure, so the rules are tested without a database. */
public final class Supervision {

    private Supervision() {
    }

    public static boolean inScope(Case c, Digest.Scope scope, @Nullable String unit) {
        return switch (scope) {
            case SECRETARY -> true;
            case DEPARTMENT -> Objects.equals(unit, c.leadDepartment());
            case VILLAGE -> Objects.equals(unit, c.village());
        };
    }

    public static Digest digest(Iterable<Case> cases, Digest.Scope scope, @Nullable String unit, Instant now) {
        List<Digest.Line> lines = new ArrayList<>();
        for (Case c : cases) {
            if (c.state().open() && inScope(c, scope, unit)) {
                lines.add(line(c, now));
            }
        }
        lines.sort(Comparator.comparing(Digest.Line::overdue).reversed()
                .thenComparing(Digest.Line::remainingSeconds));
        return new Digest(scope, unit, now, lines.size(), (int) lines.stream().filter(Digest.Line::overdue).count(),
                (int) lines.stream().filter(Digest.Line::breached).count(),
                (int) lines.stream().filter(l -> l.urges() > 0).count(),
                (int) lines.stream().filter(l -> l.returns() > 0).count(),
                lines.stream().mapToInt(l -> l.lateAgencies().size()).sum(), lines);
    }

    private static Digest.Line line(Case c, Instant now) {
        List<String> late = c.summons().stream().filter(s -> s.overdue() && !s.reportedIn()).map(Summons::agency)
                .toList();
        return new Digest.Line(c.id(), c.state().name(), c.facts().category(), c.leadDepartment(), c.village(),
                c.deadlines().resolutionDueAt(), Duration.between(now, c.deadlines().resolutionDueAt()).toSeconds(),
                c.overdue(now), c.breached(), c.urges(), c.returns(), late, c.escalatedTo());
    }
}
