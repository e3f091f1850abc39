package cn.township.mediation.scheduling.web;

import cn.township.contracts.mediation.Participant;
import cn.township.mediation.scheduling.Reminder;
import cn.township.mediation.scheduling.Session;
import cn.township.mediation.scheduling.SessionStatus;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** A session as the API shows it, with the link to its iCalendar. */
record SessionView(String id, String fileId, @Nullable String caseId, String village, int round, Instant startsAt,
                   Instant endsAt, String room, List<Participant> participants, List<String> parties,
                   List<String> agencies, SessionStatus status, List<Reminder> reminders, int sequence,
                   @Nullable String reason, String bookedBy, String ics) {

    static SessionView of(Session s) {
        return new SessionView(s.id(), s.fileId(), s.caseId(), s.village(), s.round(), s.startsAt(), s.endsAt(),
                s.room(), s.participants(), s.parties().stream().map(p -> p.name()).toList(), s.agencies(), s.status(),
                s.reminders(), s.sequence(), s.reason(), s.bookedBy(), "/api/mediation/sessions/" + s.id() + "/ics");
    }
}
