package cn.township.mediation.scheduling.app;

import cn.township.contracts.mediation.Participant;
import cn.township.mediation.Change;
import cn.township.mediation.MediationProperties;
import cn.township.mediation.errors.Conflict;
import cn.township.mediation.errors.InvalidField;
import cn.township.mediation.errors.NotFound;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.app.FileService;
import cn.township.mediation.roster.Member;
import cn.township.mediation.roster.Room;
import cn.township.mediation.roster.Unavailability;
import cn.township.mediation.roster.persistence.RosterStore;
import cn.township.mediation.scheduling.Interval;
import cn.township.mediation.scheduling.RequiredRoles;
import cn.township.mediation.scheduling.Session;
import cn.township.mediation.scheduling.SessionStatus;
import cn.township.mediation.scheduling.persistence.BusyIndex;
import cn.township.mediation.scheduling.persistence.ClaimLedger;
import cn.township.mediation.scheduling.persistence.SessionStore;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Books, moves and cancels sessions. A booking first checks the rules (future, working hours, exceptions,
 * required roles), then claims every person and the room quarter hour by quarter hour (unique ids decide
 * between concurrent bookings on any instance), and only then stores the session with its event.
 */
@Service
public class BookingService {

    private static final Duration LONGEST = Duration.ofHours(8);
    private static final Duration ABANDONED = Duration.ofMinutes(2);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final FileService files;
    private final Team team;
    private final RosterStore roster;
    private final SessionStore sessions;
    private final ClaimLedger claims;
    private final BusyIndex busy;
    private final RequiredRoles requiredRoles;
    private final MediationProperties properties;
    private final Clock clock;

    BookingService(FileService files, Team team, RosterStore roster, SessionStore sessions, ClaimLedger claims,
                   BusyIndex busy, RequiredRoles requiredRoles, MediationProperties properties, Clock clock) {
        this.files = files;
        this.team = team;
        this.roster = roster;
        this.sessions = sessions;
        this.claims = claims;
        this.busy = busy;
        this.requiredRoles = requiredRoles;
        this.properties = properties;
        this.clock = clock;
    }

    public record Booking(String fileId, Instant startsAt, Instant endsAt, String room, List<String> memberIds,
                          List<String> agencies) {
    }

    public Session book(Booking b, String by) {
        Interval when = interval(b.startsAt(), b.endsAt());
        Room room = team.room(b.room(), "room");
        List<Member> members = team.members(b.memberIds(), "memberIds");
        MediationFile file = files.get(b.fileId());
        file.requireOpen();
        var missing = requiredRoles.missing(file.disputeType(), members);
        if (!missing.isEmpty()) {
            throw new InvalidField("memberIds", "a " + file.disputeType() + " session needs " + missing
                    + " among the members");
        }
        checkAvailable(members, room, when);
        List<Participant> participants = members.stream().map(Team::participant).toList();
        String id = "s-" + UUID.randomUUID();
        Change<Session> change = Session.schedule(id, file.id(), file.caseId(), file.village(), file.nextRound(), when,
                room.id(), participants, file.parties(), b.agencies(), by, clock.instant());
        Session session = change.state();
        hold(session.id(), session.resources(), when);
        try {
            sessions.insert(session, change.events());
        } catch (RuntimeException e) {
            claims.releaseAllBut(session.id(), session.resources(), null);
            throw e;
        }
        busy.add(id, session.resources(), when);
        return get(id);
    }

    public Session reschedule(String sessionId, Instant startsAt, Instant endsAt, @Nullable String roomId, String reason) {
        Interval when = interval(startsAt, endsAt);
        Session session = get(sessionId);
        if (session.status() != SessionStatus.SCHEDULED) {
            throw new Conflict("session " + sessionId + " is " + session.status());
        }
        Room room = roomId == null ? team.room(session.room(), "room") : team.room(roomId, "room");
        List<Member> members = team.members(session.participants().stream().map(Participant::memberId).toList(),
                "memberIds");
        checkAvailable(members, room, when);
        Change<Session> change = session.reschedule(when, room.id(), reason, clock.instant());
        List<String> resources = change.state().resources();
        Set<String> alreadyHeld = new HashSet<>(ClaimLedger.ids(session.resources(), session.when()));
        hold(sessionId, resources, when);
        if (!sessions.update(change.state(), change.events())) {
            List<String> fresh = new ArrayList<>(ClaimLedger.ids(resources, when));
            fresh.removeAll(alreadyHeld);
            claims.release(sessionId, fresh);
            throw new Conflict("session " + sessionId + " was changed by someone else; reload and try again");
        }
        claims.releaseAllBut(sessionId, resources, when);
        busy.remove(sessionId, session.resources(), session.when());
        busy.add(sessionId, resources, when);
        return get(sessionId);
    }

    public Session cancel(String sessionId, String reason) {
        Session session = get(sessionId);
        Change<Session> change = session.cancel(reason, clock.instant());
        if (!sessions.update(change.state(), change.events())) {
            throw new Conflict("session " + sessionId + " was changed by someone else; reload and try again");
        }
        claims.releaseAllBut(sessionId, session.resources(), null);
        busy.remove(sessionId, session.resources(), session.when());
        return get(sessionId);
    }

    public Session get(String id) {
        return sessions.find(id).orElseThrow(() -> new NotFound("no session " + id));
    }

    private Interval interval(@Nullable Instant start, @Nullable Instant end) {
        if (start == null) {
            throw new InvalidField("startsAt", "startsAt is required");
        }
        if (end == null) {
            throw new InvalidField("endsAt", "endsAt is required");
        }
        if (!start.isAfter(clock.instant())) {
            throw new InvalidField("startsAt", "a session cannot be booked in the past");
        }
        if (!end.isAfter(start)) {
            throw new InvalidField("endsAt", "a session must end after it starts");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new InvalidField("endsAt", "a session lasts at most " + LONGEST.toHours() + " hours");
        }
        if (!start.atZone(properties.zone()).toLocalDate().equals(end.atZone(properties.zone()).toLocalDate())) {
            throw new InvalidField("endsAt", "a session starts and ends on the same day");
        }
        return new Interval(start, end);
    }

    private void checkAvailable(List<Member> members, Room room, Interval when) {
        List<String> clashes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Member m : members) {
            Unavailability x = m.exceptionDuring(when.start(), when.end());
            if (x != null) {
                clashes.add("member:" + m.id());
                reasons.add(m.name() + " (" + m.id() + ") is unavailable: " + x.reason());
            } else if (!m.hours().covers(when.start(), when.end(), properties.zone())) {
                clashes.add("member:" + m.id());
                reasons.add(m.name() + " (" + m.id() + ") does not work then");
            }
        }
        if (!room.hours().covers(when.start(), when.end(), properties.zone())) {
            clashes.add("room:" + room.id());
            reasons.add("room " + room.name() + " (" + room.id() + ") is closed then");
        }
        if (!clashes.isEmpty()) {
            throw new Conflict(String.join("; ", reasons), clashes);
        }
    }

    private void hold(String sessionId, List<String> resources, Interval when) {
        ClaimLedger.Result result = claims.claim(sessionId, resources, when, this::abandoned);
        if (!result.held()) {
            throw new Conflict(describe(result), List.of(result.resource()));
        }
    }

    /** A clashing claim is abandoned when its session is gone (after a while), no longer scheduled, or moved. */
    private boolean abandoned(String holder, String resource, Instant grain, @Nullable Instant claimedAt) {
        var owner = sessions.find(holder);
        if (owner.isEmpty()) {
            return claimedAt != null && claimedAt.isBefore(clock.instant().minus(ABANDONED));
        }
        Session s = owner.get();
        return s.status() != SessionStatus.SCHEDULED || !s.resources().contains(resource)
                || !ClaimLedger.ids(List.of(resource), s.when()).contains(resource + "@" + grain);
    }

    private String describe(ClaimLedger.Result clash) {
        String resource = clash.resource();
        String who = resource;
        if (resource.startsWith("member:")) {
            String id = resource.substring("member:".length());
            who = roster.member(id).map(m -> m.name() + " (" + id + ")").orElse(id);
        } else if (resource.startsWith("room:")) {
            String id = resource.substring("room:".length());
            who = "room " + roster.room(id).map(r -> r.name() + " (" + id + ")").orElse(id);
        } else if (resource.startsWith("household:")) {
            who = "party household " + resource.substring("household:".length());
        }
        String at = clash.at() == null ? "" : " at " + TIME.format(clash.at().atZone(properties.zone()));
        String by = sessions.find(clash.heldBy()).map(s -> " by session " + s.id() + " (" + TIME.format(
                s.startsAt().atZone(properties.zone())) + "–" + TIME.format(s.endsAt().atZone(properties.zone()))
                .substring(11) + ", file " + s.fileId() + ")").orElse(" by another booking in progress");
        return who + " is already booked" + at + by;
    }
}
