package cn.township.mediation.scheduling.web;

import cn.township.mediation.errors.NotFound;
import cn.township.mediation.file.Withholding;
import cn.township.mediation.file.app.FileAccess;
import cn.township.mediation.file.app.FileService;
import cn.township.mediation.roster.persistence.RosterStore;
import cn.township.mediation.scheduling.Session;
import cn.township.security.Caller;
import cn.township.security.Roles;
import org.springframework.stereotype.Component;

/**
 * Who may see a session: secretary, dispatcher, assessor and mediators every one; cadres and elders those of
 * their village; a villager those where their household is a party; an agency those it is summoned to; a team
 * member those they sit in. Anyone else with a reading role gets 404. What is shown withholds a confidential
 * complainant as the file does.
 */
@Component
public class SessionAccess {

    /** The roles that may read sessions at all (the per-session scope is checked by {@link #readable}). */
    public static final String[] READERS = {Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR,
            Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER, Roles.AGENCY};

    private final RosterStore roster;
    private final FileService files;

    SessionAccess(RosterStore roster, FileService files) {
        this.roster = roster;
        this.files = files;
    }

    /** The session as the caller may see it; 404 when it is not theirs to see. */
    Session readable(Caller caller, Session s) {
        String village = FileAccess.villageScope(caller);
        String household = FileAccess.householdScope(caller);
        if (FileAccess.readsAll(caller)
                || (village != null && village.equals(s.village()))
                || (household != null && s.parties().stream().anyMatch(p -> household.equals(p.household())))
                || (caller.hasRole(Roles.AGENCY) && caller.agency() != null && s.agencies().contains(caller.agency()))
                || isMemberIn(caller, s)) {
            return shownTo(caller, s);
        }
        throw new NotFound("no session " + s.id());
    }

    /** The session without what the caller may not know of a confidential complainant. */
    public Session shownTo(Caller caller, Session s) {
        Withholding w = FileAccess.withholdingFor(caller, files.get(s.fileId()));
        return w.names().isEmpty() ? s : s.withParties(s.parties().stream().map(p -> w.party(p, false)).toList());
    }

    private boolean isMemberIn(Caller caller, Session s) {
        return roster.memberByUsername(caller.username())
                .map(m -> s.participants().stream().anyMatch(p -> p.memberId().equals(m.id()))).orElse(false);
    }
}
