package cn.township.mediation.scheduling;

import cn.township.contracts.mediation.MediationEvent;
import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.SessionCancelled;
import cn.township.contracts.mediation.SessionReminderDue;
import cn.township.contracts.mediation.SessionRescheduled;
import cn.township.contracts.mediation.SessionScheduled;
import cn.township.mediation.Change;
import cn.township.mediation.errors.Conflict;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A round-table session (圆桌会议): when and where, who sits in it, and its reminders. Booking conflicts are
 * settled by claims outside this aggregate; this decides the session's own life: reschedule, cancel,
 * reminders that fire once, held.
 */
public record Session(String id, String fileId, @Nullable String caseId, String village, int round, Instant startsAt,
                      Instant endsAt, String room, List<Participant> participants, List<Party> parties,
                      List<String> agencies, SessionStatus status, List<Reminder> reminders, int sequence,
                      @Nullable String reason, String bookedBy, long version) {

    public Session {
        participants = List.copyOf(participants);
        parties = List.copyOf(parties);
        agencies = List.copyOf(agencies);
        reminders = List.copyOf(reminders);
    }

    public static Change<Session> schedule(String id, String fileId, @Nullable String caseId, String village, int round,
                                           Interval when, String room, List<Participant> participants,
                                           List<Party> parties, List<String> agencies, String by, Instant now) {
        var session = new Session(id, fileId, caseId, village, round, when.start(), when.end(), room, participants,
                parties, agencies, SessionStatus.SCHEDULED, reminders(when.start(), now), 0, null, by, 0);
        return new Change<>(session, List.of(new SessionScheduled(fileId, caseId, id, round, when.start(), when.end(),
                room, participants, now)));
    }

    /** The person and room keys this session holds: what a double booking would clash on. */
    public List<String> resources() {
        return resources(participants, parties, room);
    }

    public static List<String> resources(List<Participant> participants, List<Party> parties, String room) {
        List<String> keys = new ArrayList<>();
        participants.forEach(p -> keys.add(Resources.member(p.memberId())));
        parties.stream().filter(p -> p.household() != null).forEach(p -> keys.add(Resources.household(p.household())));
        keys.add(Resources.room(room));
        return keys.stream().distinct().toList();
    }

    public Interval when() {
        return new Interval(startsAt, endsAt);
    }

    public Change<Session> reschedule(Interval when, String newRoom, String why, Instant now) {
        requireScheduled();
        var moved = new Session(id, fileId, caseId, village, round, when.start(), when.end(), newRoom, participants,
                parties, agencies, status, reminders(when.start(), now), sequence + 1, why, bookedBy, version);
        return new Change<>(moved, List.of(new SessionRescheduled(fileId, caseId, id, when.start(), when.end(), newRoom,
                why, now)));
    }

    public Change<Session> cancel(String why, Instant now) {
        requireScheduled();
        List<Reminder> none = reminders.stream()
                .map(r -> r.state() == Reminder.State.PENDING ? r.with(Reminder.State.SKIPPED) : r).toList();
        var cancelled = new Session(id, fileId, caseId, village, round, startsAt, endsAt, room, participants, parties,
                agencies, SessionStatus.CANCELLED, none, sequence + 1, why, bookedBy, version);
        return new Change<>(cancelled, List.of(new SessionCancelled(fileId, caseId, id, why, now)));
    }

    public Session held() {
        return new Session(id, fileId, caseId, village, round, startsAt, endsAt, room, participants, parties, agencies,
                SessionStatus.HELD, reminders.stream()
                .map(r -> r.state() == Reminder.State.PENDING ? r.with(Reminder.State.SKIPPED) : r).toList(),
                sequence, reason, bookedBy, version);
    }

    /** The same session showing other parties: what a reader sees when a confidential complainant is withheld. */
    public Session withParties(List<Party> shown) {
        return new Session(id, fileId, caseId, village, round, startsAt, endsAt, room, participants, shown, agencies,
                status, reminders, sequence, reason, bookedBy, version);
    }

    /** Reminders due by {@code now} become events, each exactly once; those whose session has begun are skipped. */
    public Change<Session> remind(Instant now) {
        List<MediationEvent> events = new ArrayList<>();
        List<Reminder> next = new ArrayList<>();
        List<String> memberIds = participants.stream().map(Participant::memberId).toList();
        for (Reminder r : reminders) {
            if (r.state() != Reminder.State.PENDING || r.dueAt().isAfter(now)) {
                next.add(r);
            } else if (status != SessionStatus.SCHEDULED || !now.isBefore(startsAt)) {
                next.add(r.with(Reminder.State.SKIPPED));
            } else {
                next.add(r.with(Reminder.State.SENT));
                events.add(new SessionReminderDue(fileId, caseId, id, startsAt, r.before(), memberIds, now));
            }
        }
        var after = new Session(id, fileId, caseId, village, round, startsAt, endsAt, room, participants, parties,
                agencies, status, next, sequence, reason, bookedBy, version);
        return new Change<>(after, events);
    }

    /** When the next reminder is due, or null when none is pending. */
    public @Nullable Instant nextReminderAt() {
        return reminders.stream().filter(r -> r.state() == Reminder.State.PENDING).map(Reminder::dueAt)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    private void requireScheduled() {
        if (status != SessionStatus.SCHEDULED) {
            throw new Conflict("session " + id + " is " + status);
        }
    }

    private static List<Reminder> reminders(Instant start, Instant now) {
        return Reminder.STANDARD.stream().map(before -> {
            Instant due = start.minus(before);
            return new Reminder(before, due, due.isAfter(now) ? Reminder.State.PENDING : Reminder.State.SKIPPED);
        }).toList();
    }
}
