package cn.township.mediation.file;

import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.SessionOutcome;

import java.time.Instant;
import java.util.List;

/** A held round-table session: who attended, the minutes and the outcome. */
public record Round(int number, String sessionId, SessionOutcome outcome, List<Participant> attendees,
                    List<String> partiesPresent, String minutes, Instant at) {

    public Round {
        attendees = List.copyOf(attendees);
        partiesPresent = List.copyOf(partiesPresent);
    }
}
