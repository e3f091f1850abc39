package cn.township.mediation;

import cn.township.contracts.mediation.DisputeType;
import cn.township.mediation.roster.TeamRole;
import cn.township.mediation.scheduling.RequiredRoles;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * {@code township.mediation.*}: the township's time zone, which roles a session needs (by default a legal
 * adviser and an elder, per dispute type if configured), and how often due reminders are looked for.
 */
@ConfigurationProperties("township.mediation")
public record MediationProperties(ZoneId zone, Set<TeamRole> requiredRoles,
                                  Map<DisputeType, Set<TeamRole>> requiredRolesByDispute, Duration reminderPoll) {

    public MediationProperties {
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        requiredRoles = requiredRoles == null || requiredRoles.isEmpty() ? RequiredRoles.STANDARD : requiredRoles;
        requiredRolesByDispute = requiredRolesByDispute == null ? Map.of() : requiredRolesByDispute;
        reminderPoll = reminderPoll == null ? Duration.ofSeconds(15) : reminderPoll;
    }

    public RequiredRoles roles() {
        return new RequiredRoles(requiredRoles, requiredRolesByDispute);
    }
}
