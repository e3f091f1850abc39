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
import cn.township.mediation.web.Caller;
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
    List<SlotFinder.Option> findSlots(Caller caller, @Valid @RequestBody SessionRequests.FindSlots body) {
        caller.require(Caller.MEDIATOR);
        return slots.find(new SlotService.Query(body.fileId(), body.memberIds(),
                Objects.requireNonNullElse(body.durationMinutes(), 90), body.from(),
                Objects.requireNonNullElse(body.horizonDays(), 30), Objects.requireNonNullElse(body.rooms(), List.of()),
                Objects.requireNonNullElse(body.options(), 5)));
    }

    @PostMapping("/sessions")
    ResponseEntity<SessionView> book(Caller caller, @Valid @RequestBody SessionRequests.Book body) {
        caller.require(Caller.MEDIATOR);
        var session = bookings.book(new BookingService.Booking(body.fileId(), body.startsAt(), body.endsAt(),
                body.room(), body.memberIds(), Objects.requireNonNullElse(body.agencies(), List.of())), caller.user());
        return ResponseEntity.created(URI.create("/api/mediation/sessions/" + session.id()))
                .body(SessionView.of(session));
    }

    @GetMapping("/sessions/{id}")
    SessionView get(Caller caller, @PathVariable String id) {
        return SessionView.of(access.readable(caller, bookings.get(id)));
    }

    @GetMapping("/files/{fileId}/sessions")
    List<SessionView> ofFile(Caller caller, @PathVariable String fileId) {
        FileAccess.readable(caller, files.get(fileId));
        return sessions.ofFile(fileId).stream().map(SessionView::of).toList();
    }

    @PostMapping("/sessions/{id}/reschedule")
    SessionView reschedule(Caller caller, @PathVariable String id, @Valid @RequestBody SessionRequests.Reschedule body) {
        caller.require(Caller.MEDIATOR);
        return SessionView.of(bookings.reschedule(id, body.startsAt(), body.endsAt(), body.room(), body.reason()));
    }

    @PostMapping("/sessions/{id}/cancel")
    SessionView cancel(Caller caller, @PathVariable String id, @Valid @RequestBody SessionRequests.Cancel body) {
        caller.require(Caller.MEDIATOR);
        return SessionView.of(bookings.cancel(id, body.reason()));
    }

    @PostMapping("/sessions/{id}/outcome")
    ResponseEntity<Object> outcome(Caller caller, @PathVariable String id,
                                   @Valid @RequestBody SessionRequests.RecordOutcome body) {
        caller.require(Caller.MEDIATOR);
        var now = clock.instant();
        Agreement agreement = body.agreement() == null ? null : new Agreement(body.agreement().terms(),
                body.agreement().acknowledgements().stream().map(a -> new Acknowledgement(a.party(), a.method(),
                        a.at() == null ? now : a.at())).toList(), now);
        var file = outcomes.record(id, new OutcomeService.Outcome(body.outcome(), body.attendees(),
                Objects.requireNonNullElse(body.partiesPresent(), List.of()), body.minutes(), agreement));
        return ResponseEntity.status(HttpStatus.OK).body(cn.township.mediation.file.web.FileViews.of(caller, file));
    }

    @GetMapping(value = "/sessions/{id}/ics")
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
