package cn.township.dispatch;

import cn.township.dispatch.sla.SlaPolicy;
import cn.township.dispatch.sla.SlaRule;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * {@code township.dispatch.*}: the SLA policy table (rules and warning fractions), the window in which an
 * unsatisfied call-back reopens a case, the timer scheduler's pace, the routing table, and the digest time.
 */
@ConfigurationProperties("township.dispatch")
public record DispatchProperties(Sla sla, Duration reopenWindow, Timers timers, Routing routing, Digest digest) {

    public DispatchProperties {
        sla = sla == null ? new Sla(null, null) : sla;
        reopenWindow = reopenWindow == null ? Duration.ofDays(15) : reopenWindow;
        timers = timers == null ? new Timers(null, null, null, null, null) : timers;
        routing = routing == null ? new Routing(null, null, null) : routing;
        digest = digest == null ? new Digest(null, null) : digest;
    }

    /** The policy table; when no rules are configured, Beijing's defaults. */
    public record Sla(List<SlaRule> rules, List<Double> warnings) {
        public SlaPolicy policy() {
            SlaPolicy defaults = SlaPolicy.defaults();
            return new SlaPolicy(rules == null || rules.isEmpty() ? defaults.rules() : rules,
                    warnings == null ? defaults.warnings() : warnings);
        }
    }

    /**
     * The scheduler's pace: how often it looks at its timer index, how many cases per round, and how often it
     * rescans the collection for timers other instances wrote (this bounds how late a timer fires when the
     * instance that wrote its case is gone). A rescan reads the cases whose timer falls before twice
     * {@code maxRescanInterval} from now (through the index on {@code nextTimerAt}), not every open case; a later
     * timer is read by a later rescan. While rescans find nothing this instance did not know (no other instance is
     * writing cases), the interval doubles up to {@code maxRescanInterval}; a clock that jumps forward past the
     * window rescans at once.
     */
    public record Timers(Duration pollInterval, Integer batchSize, Boolean enabled, Duration rescanInterval,
                         Duration maxRescanInterval) {
        public Timers {
            pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
            rescanInterval = rescanInterval == null ? Duration.ofMinutes(1) : rescanInterval;
            maxRescanInterval = maxRescanInterval == null ? Duration.ofMinutes(10) : maxRescanInterval;
            if (maxRescanInterval.compareTo(rescanInterval) < 0) {
                maxRescanInterval = rescanInterval;
            }
            batchSize = batchSize == null ? 500 : batchSize;
            enabled = enabled == null || enabled;
        }
    }

    /** Supervising leader per department, a default leader, and departments by words in the category. */
    public record Routing(Map<String, String> leaders, String defaultLeader, Map<String, String> departments) {
        public Routing {
            leaders = leaders == null ? Map.of() : leaders;
            defaultLeader = defaultLeader == null ? "township-head" : defaultLeader;
            departments = departments == null ? Map.of() : departments;
        }
    }

    /** When the daily supervision digest is issued (local time in {@code zone}). */
    public record Digest(LocalTime at, String zone) {
        public Digest {
            at = at == null ? LocalTime.of(8, 0) : at;
            zone = zone == null ? "Asia/Shanghai" : zone;
        }
    }
}
