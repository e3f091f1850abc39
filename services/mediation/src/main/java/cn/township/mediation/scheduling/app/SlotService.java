package cn.township.mediation.scheduling.app;

import cn.township.contracts.mediation.Party;
import cn.township.mediation.MediationProperties;
import cn.township.mediation.errors.InvalidField;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.app.FileService;
import cn.township.mediation.roster.Member;
import cn.township.mediation.roster.Room;
import cn.township.mediation.scheduling.Interval;
import cn.township.mediation.scheduling.RequiredRoles;
import cn.township.mediation.scheduling.ResourceCalendar;
import cn.township.mediation.scheduling.Resources;
import cn.township.mediation.scheduling.SlotFinder;
import cn.township.mediation.scheduling.persistence.BusyIndex;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers "find a slot": loads the calendars of the named members, the file's parties and the candidate
 * rooms (weekly hours, dated exceptions, booked spans from the {@link BusyIndex}) and asks {@link SlotFinder}.
 */
@Service
public class SlotService {

    public static final Duration STEP = Duration.ofMinutes(15);
    private static final Duration LEAD = Duration.ofMinutes(30);

    private final FileService files;
    private final Team team;
    private final BusyIndex busyIndex;
    private final RequiredRoles requiredRoles;
    private final MediationProperties properties;
    private final Clock clock;

    SlotService(FileService files, Team team, BusyIndex busyIndex, RequiredRoles requiredRoles,
                MediationProperties properties, Clock clock) {
        this.files = files;
        this.team = team;
        this.busyIndex = busyIndex;
        this.requiredRoles = requiredRoles;
        this.properties = properties;
        this.clock = clock;
    }

    public record Query(String fileId, List<String> memberIds, int durationMinutes, @Nullable Instant from,
                        int horizonDays, List<String> rooms, int options) {
    }

    public List<SlotFinder.Option> find(Query q) {
        if (q.durationMinutes() < 15 || q.durationMinutes() > 480) {
            throw new InvalidField("durationMinutes", "a session lasts 15 to 480 minutes");
        }
        if (q.horizonDays() < 1 || q.horizonDays() > 90) {
            throw new InvalidField("horizonDays", "the horizon is 1 to 90 days");
        }
        if (q.options() < 1 || q.options() > 20) {
            throw new InvalidField("options", "ask for 1 to 20 options");
        }
        Instant now = clock.instant();
        if (q.from() != null && q.from().isBefore(now)) {
            throw new InvalidField("from", "the search cannot start in the past");
        }
        MediationFile file = files.get(q.fileId());
        file.requireOpen();
        List<Member> members = team.members(q.memberIds(), "memberIds");
        var missing = requiredRoles.missing(file.disputeType(), members);
        if (!missing.isEmpty()) {
            throw new InvalidField("memberIds", "a " + file.disputeType() + " session needs " + missing
                    + " among the members");
        }
        List<Room> rooms = q.rooms().isEmpty() ? team.roomsFor(file.village()) : team.rooms(q.rooms(), "rooms");
        Instant from = q.from() != null ? q.from() : now.plus(LEAD);
        Instant to = from.plus(Duration.ofDays(q.horizonDays()));
        var query = new SlotFinder.Query(from, to, Duration.ofMinutes(q.durationMinutes()), STEP, properties.zone(),
                q.options());
        return SlotFinder.find(query, calendars(members, file.parties(), from, to), roomCalendars(rooms, from, to));
    }

    private List<ResourceCalendar> calendars(List<Member> members, List<Party> parties, Instant from, Instant to) {
        List<String> keys = new ArrayList<>();
        members.forEach(m -> keys.add(Resources.member(m.id())));
        parties.stream().filter(p -> p.household() != null).forEach(p -> keys.add(Resources.household(p.household())));
        Map<String, List<Interval>> busy = busyIndex.busy(keys, from, to);
        List<ResourceCalendar> calendars = new ArrayList<>();
        for (Member m : members) {
            List<Interval> spans = new ArrayList<>(busy.getOrDefault(Resources.member(m.id()), List.of()));
            m.exceptions().stream().filter(x -> x.overlaps(from, to))
                    .forEach(x -> spans.add(new Interval(x.from(), x.to())));
            calendars.add(new ResourceCalendar(m.id(), m.hours(), spans));
        }
        parties.stream().filter(p -> p.household() != null).forEach(p -> calendars.add(new ResourceCalendar(
                p.household(), null, busy.getOrDefault(Resources.household(p.household()), List.of()))));
        return calendars;
    }

    private List<ResourceCalendar> roomCalendars(List<Room> rooms, Instant from, Instant to) {
        Map<String, List<Interval>> busy = busyIndex.busy(rooms.stream().map(r -> Resources.room(r.id())).toList(), from, to);
        return rooms.stream().map(r -> new ResourceCalendar(r.id(), r.hours(),
                busy.getOrDefault(Resources.room(r.id()), List.of()))).toList();
    }
}
