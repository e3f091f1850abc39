package cn.township.mediation.scheduling.web;

import cn.township.mediation.file.Acknowledgement;
import cn.township.mediation.file.Agreement;
import cn.township.mediation.file.app.FileAccess;
import cn.township.mediation.file.app.FileService;
import cn.township.mediation.roster.Room;
import cn.township.mediation.roster.persistence.RosterStore;
import cn.township.mediation.scheduling.SlotFinder;
import cn.township.mediation.scheduling.app.BookingService;
import cn.township.mediation.scheduling.app.OutcomeService;
import cn.township.mediation.scheduling.app.SlotService;
import cn.township.mediation.scheduling.calendar.IcsCalendars;
import cn.township.mediation.scheduling.persistence.SessionStore;
import cn.township.security.AllowedRoles;
import cn.township.security.Caller;
import cn.township.security.Roles;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Round-table sessions: find a slot, book, move, cancel, record the outcome, and the session's .ics. */
@RestController
@RequestMapping("/api/mediation")
class SessionController {

    private final SlotService slots;
    private final BookingService bookings;
    private final OutcomeService outcomes;
    private final FileService files;
    private final SessionStore sessions;
    private final SessionAccess access;
    private final RosterStore roster;
    private final Clock clock;

    SessionController(SlotService slots, BookingService bookings, OutcomeService outcomes, FileService files,
                      SessionStore sessions, SessionAccess access, RosterStore roster, Clock clock) {
        this.slots = slots;
        this.bookings = bookings;
        this.outcomes = outcomes;
        this.files = files;
        this.sessions = sessions;
        this.access = access;
        this.roster = roster;
        this.clock = clock;
    }

    @PostMapping("/slots")
    @AllowedRoles(Roles.MEDIATOR)
    List<SlotFinder.Option> findSlots(Caller caller, @Valid @RequestBody SessionRequests.FindSlots body) {
        return slots.find(new SlotService.Query(body.fileId(), body.memberIds(),
                Objects.requireNonNullElse(body.durationMinutes(), 90), body.from(),
                Objects.requireNonNullElse(body.horizonDays(), 30), Objects.requireNonNullElse(body.rooms(), List.of()),
                Objects.requireNonNullElse(body.options(), 5)));
    }

    @PostMapping("/sessions")
    @AllowedRoles(Roles.MEDIATOR)
    ResponseEntity<SessionView> book(Caller caller, @Valid @RequestBody SessionRequests.Book body) {
        var session = bookings.book(new BookingService.Booking(body.fileId(), body.startsAt(), body.endsAt(),
                body.room(), body.memberIds(), Objects.requireNonNullElse(body.agencies(), List.of())), caller.username());
        return ResponseEntity.created(URI.create("/api/mediation/sessions/" + session.id()))
                .body(SessionView.of(access.shownTo(caller, session)));
    }

    @GetMapping("/sessions/{id}")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR, Roles.VILLAGE_CADRE,
            Roles.ELDER, Roles.VILLAGER, Roles.AGENCY})
    SessionView get(Caller caller, @PathVariable String id) {
        return SessionView.of(access.readable(caller, bookings.get(id)));
    }

    @GetMapping("/files/{fileId}/sessions")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR, Roles.VILLAGE_CADRE,
            Roles.ELDER, Roles.VILLAGER})
    List<SessionView> ofFile(Caller caller, @PathVariable String fileId) {
        FileAccess.readable(caller, files.get(fileId));
        return sessions.ofFile(fileId).stream().map(s -> SessionView.of(access.shownTo(caller, s))).toList();
    }

    @PostMapping("/sessions/{id}/reschedule")
    @AllowedRoles(Roles.MEDIATOR)
    SessionView reschedule(Caller caller, @PathVariable String id, @Valid @RequestBody SessionRequests.Reschedule body) {
        return SessionView.of(access.shownTo(caller,
                bookings.reschedule(id, body.startsAt(), body.endsAt(), body.room(), body.reason())));
    }

    @PostMapping("/sessions/{id}/cancel")
    @AllowedRoles(Roles.MEDIATOR)
    SessionView cancel(Caller caller, @PathVariable String id, @Valid @RequestBody SessionRequests.Cancel body) {
        return SessionView.of(access.shownTo(caller, bookings.cancel(id, body.reason())));
    }

    @PostMapping("/sessions/{id}/outcome")
    @AllowedRoles(Roles.MEDIATOR)
    ResponseEntity<Object> outcome(Caller caller, @PathVariable String id,
                                   @Valid @RequestBody SessionRequests.RecordOutcome body) {
        var now = clock.instant();
        Agreement agreement = body.agreement() == null ? null : new Agreement(body.agreement().terms(),
                body.agreement().acknowledgements().stream().map(a -> new Acknowledgement(a.party(), a.method(),
                        a.at() == null ? now : a.at())).toList(), now);
        var file = outcomes.record(id, new OutcomeService.Outcome(body.outcome(), body.attendees(),
                Objects.requireNonNullElse(body.partiesPresent(), List.of()), body.minutes(), agreement));
        return ResponseEntity.status(HttpStatus.OK).body(cn.township.mediation.file.web.FileViews.of(caller, file));
    }

    @GetMapping(value = "/sessions/{id}/ics")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR, Roles.VILLAGE_CADRE,
            Roles.ELDER, Roles.VILLAGER, Roles.AGENCY})
    ResponseEntity<String> ics(Caller caller, @PathVariable String id) {
        var session = access.readable(caller, bookings.get(id));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(IcsCalendars.MEDIA_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + ".ics\"")
                .body(IcsCalendars.session(session, this::roomName, clock.instant()));
    }

    String roomName(String id) {
        return roster.room(id).map(Room::name).orElse(id);
    }
}
