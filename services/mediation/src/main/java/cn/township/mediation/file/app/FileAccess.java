package cn.township.mediation.file.app;

import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.errors.NotFound;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.web.Caller;

import java.util.List;

/**
 * Who may see a file (DESIGN.md §5): township roles all of them; village cadres and elders their village's;
 * a villager the files they are a party to. Below the township a confidential complainant is hidden.
 */
public final class FileAccess {

    private FileAccess() {
    }

    public static boolean canRead(Caller caller, MediationFile file) {
        if (caller.township()) {
            return true;
        }
        if ((caller.has("village-cadre") || caller.has("elder")) && file.village().equals(caller.village())) {
            return true;
        }
        return caller.has("villager") && caller.household() != null
                && file.parties().stream().anyMatch(p -> caller.household().equals(p.household()));
    }

    /** Not visible is answered 404, so a file's existence does not leak. */
    public static MediationFile readable(Caller caller, MediationFile file) {
        if (!canRead(caller, file)) {
            throw new NotFound("no mediation file " + file.id());
        }
        return file;
    }

    public static List<Party> partiesFor(Caller caller, MediationFile file) {
        if (!file.confidential() || caller.township()) {
            return file.parties();
        }
        return file.parties().stream().map(p -> p.role() == PartyRole.COMPLAINANT
                && !(caller.household() != null && caller.household().equals(p.household()))
                ? new Party(p.role(), "(保密 confidential)", null, null) : p).toList();
    }
}
