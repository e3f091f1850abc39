package cn.township.mediation.roster;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A member of the mediation team: who they are, what roles they hold, which villages they cover and when
 * they can sit in a session. {@code username} links the member to a login, so they can see their own feed.
 */
public record Member(String id, String name, @Nullable String username, Set<TeamRole> roles, Set<String> villages,
                     @Nullable String household, WeeklyHours hours, List<Unavailability> exceptions) {

    public Member {
        roles = Set.copyOf(roles);
        villages = Set.copyOf(villages);
        exceptions = List.copyOf(exceptions);
    }

    public boolean has(TeamRole role) {
        return roles.contains(role);
    }

    public boolean covers(String village) {
        return villages.contains(village);
    }

    public Member withException(Unavailability exception) {
        List<Unavailability> all = new ArrayList<>(exceptions);
        all.add(exception);
        return new Member(id, name, username, roles, villages, household, hours, all);
    }

    /** The exception that keeps this member from [start, end), if any. */
    public @Nullable Unavailability exceptionDuring(Instant start, Instant end) {
        return exceptions.stream().filter(x -> x.overlaps(start, end)).findFirst().orElse(null);
    }
}
