package cn.township.dispatch.caserecord;

import org.jspecify.annotations.Nullable;

/** Who leads a case, which village carries it out, and which leader supervises it (签批). */
public record Routing(@Nullable String leadDepartment, @Nullable String responsibleVillage,
                      @Nullable String supervisingLeader) {

    /** This routing with the given fields overriding the ones present. */
    public Routing override(@Nullable String department, @Nullable String village, @Nullable String leader) {
        return new Routing(department != null ? department : leadDepartment,
                village != null ? village : responsibleVillage, leader != null ? leader : supervisingLeader);
    }
}
