package cn.township.mediation.roster.web;

import cn.township.mediation.errors.Conflict;
import cn.township.mediation.errors.InvalidField;
import cn.township.mediation.errors.NotFound;
import cn.township.mediation.roster.Member;
import cn.township.mediation.roster.Room;
import cn.township.mediation.roster.TeamRole;
import cn.township.mediation.roster.TimeRange;
import cn.township.mediation.roster.Unavailability;
import cn.township.mediation.roster.WeeklyHours;
import cn.township.mediation.roster.persistence.RosterStore;
import cn.township.mediation.scheduling.Resources;
import cn.township.mediation.scheduling.calendar.IcsCalendars;
import cn.township.mediation.scheduling.persistence.SessionStore;
import cn.township.mediation.scheduling.web.SessionAccess;
import cn.township.security.AllowedRoles;
import cn.township.security.Caller;
import cn.township.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mediation team roster and rooms; a member's leave; a member's calendar feed. The roster is the township's
 * team (advisers cover several villages), so the roles that work with it read all of it: secretary, dispatcher,
 * assessor, mediators, and the cadres and elders who sit in sessions.
 */
@RestController
@RequestMapping("/api/mediation")
class RosterController {

    private final RosterStore roster;
    private final SessionStore sessions;
    private final SessionAccess sessionAccess;
    private final Clock clock;

    RosterController(RosterStore roster, SessionStore sessions, SessionAccess sessionAccess, Clock clock) {
        this.roster = roster;
        this.sessions = sessions;
        this.sessionAccess = sessionAccess;
        this.clock = clock;
    }

    record NewMember(@NotBlank @Size(max = 60) String id, @NotBlank @Size(max = 100) String name,
                     @Nullable String username, @NotEmpty Set<@NotNull TeamRole> roles,
                     @NotEmpty Set<@NotBlank String> villages, @Nullable String household,
                     @NotNull Map<DayOfWeek, List<@NotBlank String>> hours) {
    }

    record NewException(@NotNull Instant from, @NotNull Instant to, @NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/members")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR, Roles.VILLAGE_CADRE,
            Roles.ELDER})
    List<Member> members(@RequestParam(required = false) @Nullable String village,
                         @RequestParam(required = false) @Nullable TeamRole role) {
        return roster.members(village, role);
    }

    @GetMapping("/members/{id}")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR, Roles.VILLAGE_CADRE,
            Roles.ELDER})
    Member member(@PathVariable String id) {
        return roster.member(id).orElseThrow(() -> new NotFound("no member " + id));
    }

    @PostMapping("/members")
    @AllowedRoles(Roles.MEDIATOR)
    ResponseEntity<Member> add(@Valid @RequestBody NewMember body) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        body.hours().forEach((day, ranges) -> {
            List<TimeRange> list = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i++) {
                list.add(range(ranges.get(i), "hours." + day + "[" + i + "]"));
            }
            days.put(day, list);
        });
        Member member = new Member(body.id(), body.name(), body.username(), body.roles(), body.villages(),
                body.household(), new WeeklyHours(days), List.of());
        if (!roster.addIfAbsent(member)) {
            throw new Conflict("member " + body.id() + " is already on the roster");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(member);
    }

    /** A mediator records anyone's leave; a cadre or elder on the team their own. */
    @PostMapping("/members/{id}/exceptions")
    @AllowedRoles({Roles.MEDIATOR, Roles.VILLAGE_CADRE, Roles.ELDER})
    ResponseEntity<Member> addException(Caller caller, @PathVariable String id, @Valid @RequestBody NewException body) {
        Member member = roster.member(id).orElseThrow(() -> new NotFound("no member " + id));
        if (!caller.hasRole(Roles.MEDIATOR) && !caller.username().equals(member.username())) {
            throw new AccessDeniedException("only a mediator or the member may record the member's leave");
        }
        if (!body.to().isAfter(body.from())) {
            throw new InvalidField("to", "an exception must end after it starts");
        }
        roster.addException(id, new Unavailability(body.from(), body.to(), body.reason()));
        return ResponseEntity.status(HttpStatus.CREATED).body(roster.member(id).orElseThrow());
    }

    @GetMapping("/rooms")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR, Roles.VILLAGE_CADRE,
            Roles.ELDER})
    List<Room> rooms(@RequestParam(required = false) @Nullable String village) {
        return roster.rooms(village);
    }

    /**
     * The member's sessions from 30 days back on, as an iCalendar feed a calendar program can subscribe to:
     * for secretary, dispatcher, assessor and mediators, and for the member (a cadre or elder) themself.
     */
    @GetMapping("/members/{id}/calendar.ics")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR, Roles.VILLAGE_CADRE,
            Roles.ELDER})
    ResponseEntity<String> feed(Caller caller, @PathVariable String id) {
        Member member = roster.member(id).orElseThrow(() -> new NotFound("no member " + id));
        if (!caller.hasAnyRole(Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR)
                && !caller.username().equals(member.username())) {
            throw new NotFound("no member feed " + id);
        }
        Instant now = clock.instant();
        var list = sessions.holding(Resources.member(id), now.minus(Duration.ofDays(30))).stream()
                .map(s -> sessionAccess.shownTo(caller, s)).toList();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(IcsCalendars.MEDIA_TYPE))
                .body(IcsCalendars.feed("调解日程 " + member.name(), list,
                        room -> roster.room(room).map(Room::name).orElse(room), now));
    }

    private static TimeRange range(String text, String field) {
        String[] parts = text.split("-");
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected HH:mm-HH:mm");
            }
            return TimeRange.of(parts[0].trim(), parts[1].trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidField(field, "'" + text + "' is not a range like 09:00-12:00: " + e.getMessage());
        }
    }
}
