package cn.township.mediation.scheduling.web;

import cn.township.mediation.errors.NotFound;
import cn.township.mediation.roster.persistence.RosterStore;
import cn.township.mediation.scheduling.Session;
import cn.township.mediation.web.Caller;
import org.springframework.stereotype.Component;

/**
 * Who may see a session: township roles; the team members sitting in it; cadres and elders of its village;
 * villagers whose household is a party. Anyone else gets 404.
 */
@Component
class SessionAccess {

    private final RosterStore roster;

    SessionAccess(RosterStore roster) {
        this.roster = roster;
    }

    Session readable(Caller caller, Session s) {
        if (caller.township()
                || ((caller.has("village-cadre") || caller.has("elder")) && s.village().equals(caller.village()))
                || (caller.household() != null && s.parties().stream().anyMatch(p -> caller.household().equals(p.household())))
                || isMemberIn(caller, s)) {
            return s;
        }
        throw new NotFound("no session " + s.id());
    }

    private boolean isMemberIn(Caller caller, Session s) {
        return roster.memberByUsername(caller.user())
                .map(m -> s.participants().stream().anyMatch(p -> p.memberId().equals(m.id()))).orElse(false);
    }
}
