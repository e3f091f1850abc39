package cn.township.dispatch.caserecord;

import cn.township.contracts.dispatch.DeadlineKind;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A case's two clocks (first contact, resolution) for the current generation; a reopened case starts a new
 * generation. {@code fired} remembers which warnings and breaches have already gone out, so each fires once.
 */
public record Deadlines(int generation, String rule, Instant start, Instant firstContactDueAt,
                        Instant resolutionDueAt, long firstContactSeconds, long resolutionSeconds,
                        List<Double> warnings, boolean contacted, List<String> fired) {

    public Deadlines {
        warnings = List.copyOf(warnings);
        fired = List.copyOf(fired);
    }

    static Deadlines start(Instant start, DeadlineTerms terms) {
        return new Deadlines(1, terms.rule(), start, start.plus(terms.firstContact()), start.plus(terms.resolution()),
                terms.firstContact().toSeconds(), terms.resolution().toSeconds(), terms.warnings(), false, List.of());
    }

    Deadlines restart(Instant now) {
        return new Deadlines(generation + 1, rule, now, now.plusSeconds(firstContactSeconds),
                now.plusSeconds(resolutionSeconds), firstContactSeconds, resolutionSeconds, warnings, false, List.of());
    }

    Deadlines markContacted() {
        return new Deadlines(generation, rule, start, firstContactDueAt, resolutionDueAt, firstContactSeconds,
                resolutionSeconds, warnings, true, fired);
    }

    Deadlines markFired(List<Due> dues) {
        List<String> all = new ArrayList<>(fired);
        dues.forEach(d -> all.add(d.key()));
        return new Deadlines(generation, rule, start, firstContactDueAt, resolutionDueAt, firstContactSeconds,
                resolutionSeconds, warnings, contacted, all);
    }

    public Instant dueAt(DeadlineKind kind) {
        return kind == DeadlineKind.FIRST_CONTACT ? firstContactDueAt : resolutionDueAt;
    }

    public boolean breached(DeadlineKind kind) {
        return fired.contains(key(kind, null));
    }

    /** Every warning or breach of the running clocks not yet fired, in time order. */
    List<Due> pending(boolean clocksRun) {
        List<Due> all = new ArrayList<>();
        if (!clocksRun) {
            return all;
        }
        for (DeadlineKind kind : DeadlineKind.values()) {
            if (kind == DeadlineKind.FIRST_CONTACT && contacted) {
                continue;
            }
            Instant due = dueAt(kind);
            long span = Duration.between(start, due).toMillis();
            for (double fraction : warnings) {
                Instant at = start.plusMillis((long) Math.floor(span * fraction));
                add(all, new Due(kind, fraction, at, due, key(kind, fraction)));
            }
            add(all, new Due(kind, null, due, due, key(kind, null)));
        }
        all.sort(Comparator.comparing(Due::at).thenComparing(d -> d.fraction() == null));
        return all;
    }

    private void add(List<Due> all, Due due) {
        if (!fired.contains(due.key())) {
            all.add(due);
        }
    }

    List<Due> dueBy(Instant now, boolean clocksRun) {
        return pending(clocksRun).stream().filter(d -> !d.at().isAfter(now)).toList();
    }

    @Nullable Instant next(boolean clocksRun) {
        return pending(clocksRun).stream().map(Due::at).min(Comparator.naturalOrder()).orElse(null);
    }

    private String key(DeadlineKind kind, @Nullable Double fraction) {
        return "g" + generation + ":" + kind + ":" + (fraction == null ? "breach" : fraction);
    }

    /** A warning ({@code fraction} set) or a breach ({@code fraction} null) that falls due at {@code at}. */
    record Due(DeadlineKind kind, @Nullable Double fraction, Instant at, Instant dueAt, String key) {
        boolean breach() {
            return fraction == null;
        }
    }
}
