package cn.township.mediation.file.app;

import cn.township.mediation.errors.NotFound;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.Withholding;
import cn.township.security.Caller;
import cn.township.security.Pii;
import cn.township.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * Who may see a mediation file (DESIGN.md §5): secretary, dispatcher, assessor and the mediation team every file;
 * village cadres and elders their own village's; a villager the files where their household is a party. Anyone
 * else with a reading role gets 404, so a file's existence does not leak. A confidential complainant is
 * withheld from everyone {@link Pii#mayReadConfidentialComplainant} refuses (here: all but secretary and
 * dispatcher).
 */
public final class FileAccess {

    /** The roles that may read files at all (the per-file scope is {@link #canRead}). */
    public static final String[] READERS = {Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR,
            Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER};

    private FileAccess() {
    }

    /** Roles that read every file. */
    public static boolean readsAll(Caller caller) {
        return caller.hasAnyRole(Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR);
    }

    /** The village whose files a cadre or elder reads; null when the caller has no such scope. */
    public static @Nullable String villageScope(Caller caller) {
        return caller.hasAnyRole(Roles.VILLAGE_CADRE, Roles.ELDER) ? caller.village() : null;
    }

    /** The household whose files a villager reads; null when the caller has no such scope. */
    public static @Nullable String householdScope(Caller caller) {
        return caller.hasRole(Roles.VILLAGER) ? caller.household() : null;
    }

    public static boolean canRead(Caller caller, MediationFile file) {
        if (readsAll(caller)) {
            return true;
        }
        String village = villageScope(caller);
        if (village != null && village.equals(file.village())) {
            return true;
        }
        String household = householdScope(caller);
        return household != null && file.parties().stream().anyMatch(p -> household.equals(p.household()));
    }

    /** The file if the caller may read it; 404 otherwise. */
    public static MediationFile readable(Caller caller, MediationFile file) {
        if (!canRead(caller, file)) {
            throw new NotFound("no mediation file " + file.id());
        }
        return file;
    }

    /** What of the file's confidential complainant this caller must not see. */
    public static Withholding withholdingFor(Caller caller, MediationFile file) {
        return Pii.mayReadConfidentialComplainant(caller) ? Withholding.none() : file.withholding();
    }
}
