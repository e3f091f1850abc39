package cn.township.dispatch.routing;

import cn.township.dispatch.DispatchProperties;
import cn.township.dispatch.caserecord.Routing;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Map;

/**
 * The routing proposal the secretary signs off: the lead department intake classified (or one found by a
 * word of the category), the ticket's village, and the leader who supervises that department.
 */
public final class RoutingProposals {

    private final DispatchProperties.Routing table;

    public RoutingProposals(DispatchProperties.Routing table) {
        this.table = table;
    }

    public Routing propose(@Nullable String leadDepartment, @Nullable String village, String category) {
        String department = leadDepartment != null && !leadDepartment.isBlank() ? leadDepartment : byCategory(category);
        String leader = department != null ? table.leaders().getOrDefault(department, table.defaultLeader())
                : table.defaultLeader();
        return new Routing(department, village, leader);
    }

    private @Nullable String byCategory(String category) {
        String c = category.toLowerCase(Locale.ROOT);
        return table.departments().entrySet().stream().filter(e -> c.contains(e.getKey().toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
