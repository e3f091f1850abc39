package cn.township.village.config;

import cn.township.village.points.PointRule;
import cn.township.village.points.RedemptionItem;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code township.village.*}: council quorum and deadlines, review and deliberation windows, the civility
 * points catalogue (rules and redemption items) and floor, the before/after window for projects.
 */
@ConfigurationProperties("township.village")
public record VillageProperties(Council council, Review review, Deliberation deliberation, Points points,
                                Projects projects, ZoneId zone, Duration sweepInterval) {

    public VillageProperties {
        council = council == null ? new Council(null, null) : council;
        review = review == null ? new Review(null) : review;
        deliberation = deliberation == null ? new Deliberation(null, null) : deliberation;
        points = points == null ? new Points(null, null, null) : points;
        projects = projects == null ? new Projects(null) : projects;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(30) : sweepInterval;
    }

    public record Council(Integer quorum, Duration deadline) {
        public Council {
            quorum = quorum == null ? 3 : quorum;
            deadline = deadline == null ? Duration.ofDays(7) : deadline;
        }
    }

    public record Review(Duration deadline) {
        public Review {
            deadline = deadline == null ? Duration.ofDays(7) : deadline;
        }
    }

    public record Deliberation(Duration deadline, Integer quorum) {
        public Deliberation {
            deadline = deadline == null ? Duration.ofDays(14) : deadline;
            quorum = quorum == null ? 10 : quorum;
        }
    }

    public record Points(Integer floor, List<PointRule> rules, List<RedemptionItem> items) {
        public Points {
            floor = floor == null ? 0 : floor;
            rules = rules == null ? List.of() : List.copyOf(rules);
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    public record Projects(Duration comparisonWindow) {
        public Projects {
            comparisonWindow = comparisonWindow == null ? Duration.ofDays(90) : comparisonWindow;
        }
    }
}
