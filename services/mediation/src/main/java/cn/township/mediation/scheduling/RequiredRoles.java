package cn.township.mediation.scheduling;

import cn.township.contracts.mediation.DisputeType;
import cn.township.mediation.roster.Member;
import cn.township.mediation.roster.TeamRole;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which team roles must sit in a round-table session, per dispute type: by default at least one legal
 * adviser and one elder; configuration can ask for more (e.g. a village cadre for homestead disputes).
 */
public record RequiredRoles(Set<TeamRole> defaults, Map<DisputeType, Set<TeamRole>> byDispute) {

    public static final Set<TeamRole> STANDARD = Set.of(TeamRole.LEGAL_ADVISER, TeamRole.ELDER);

    public RequiredRoles {
        defaults = Set.copyOf(defaults);
        byDispute = Map.copyOf(byDispute.isEmpty() ? new EnumMap<>(DisputeType.class) : new EnumMap<>(byDispute));
    }

    public Set<TeamRole> forDispute(DisputeType type) {
        return byDispute.getOrDefault(type, defaults);
    }

    /** The roles the chosen members do not cover, in declaration order. */
    public List<TeamRole> missing(DisputeType type, Collection<Member> members) {
        List<TeamRole> missing = new ArrayList<>();
        for (TeamRole role : TeamRole.values()) {
            if (forDispute(type).contains(role) && members.stream().noneMatch(m -> m.has(role))) {
                missing.add(role);
            }
        }
        return missing;
    }
}
