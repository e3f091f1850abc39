package cn.township.mediation.bench;

import cn.township.contracts.mediation.Participant;
import cn.township.mediation.roster.Member;
import cn.township.mediation.roster.TeamRole;
import cn.township.mediation.roster.TimeRange;
import cn.township.mediation.roster.Unavailability;
import cn.township.mediation.roster.WeeklyHours;
import cn.township.mediation.scheduling.Interval;
import cn.township.mediation.scheduling.ResourceCalendar;
import cn.township.mediation.scheduling.Resources;
import cn.township.mediation.scheduling.Session;
import cn.township.mediation.scheduling.SlotFinder;
import cn.township.mediation.scheduling.persistence.BusyIndex;
import cn.township.mediation.scheduling.persistence.SessionStore;
import cn.township.messaging.outbox.OutboxRelay;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.producer.MockProducer;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Find-slot under load: 500 roster members, 20,000 booked sessions, 10 participants, a 30-day horizon at
 * 15-minute steps. Prints p50/p99/max of (1) the algorithm with the busy spans already in memory and (2) the
 * service's path: reading the busy index (sessions stored alongside) from an in-process MongoDB-wire server, then
 * the algorithm. Run: see services/mediation/README.md ("Benchmark").
 */
public final class FindSlotBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) {
        int members = arg(args, 0, 500);
        int sessions = arg(args, 1, 20_000);
        int participants = arg(args, 2, 10);
        int iterations = arg(args, 3, 2_000);
        Random random = new Random(42);
        Instant base = LocalDate.of(2027, 3, 1).atStartOfDay(ZONE).toInstant();

        List<Member> roster = roster(members, base, random);
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rooms.add("room-" + i);
        }
        WeeklyHours roomHours = WeeklyHours.of(WeeklyHours.EVERY_DAY, TimeRange.of("08:00", "20:00"));
        List<Session> booked = sessions(sessions, roster, rooms, base, random);

        Map<String, List<Interval>> index = new HashMap<>();
        for (Session s : booked) {
            for (String r : s.resources()) {
                index.computeIfAbsent(r, k -> new ArrayList<>()).add(s.when());
            }
        }
        System.out.printf("find-slot benchmark: %d members, %d booked sessions, %d participants, 30-day horizon, 15-min steps, %d queries%n",
                members, booked.size(), participants, iterations);

        Function<Query, Map<String, List<Interval>>> inMemory = q -> {
            Map<String, List<Interval>> busy = new HashMap<>();
            Interval horizon = new Interval(q.from, q.to);
            for (String key : q.keys) {
                busy.put(key, index.getOrDefault(key, List.of()).stream().filter(horizon::overlaps).toList());
            }
            return busy;
        };
        run("in memory (algorithm only)", roster, rooms, roomHours, base, participants, iterations, random, inMemory);

        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            var address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                var relay = new OutboxRelay(new MockProducer<>(), "/bench", OutboxRelay.Settings.defaults());
                var database = client.getDatabase("bench");
                var store = new SessionStore(database, relay, Clock.systemUTC());
                var busyIndex = new BusyIndex(database);
                long t0 = System.nanoTime();
                booked.forEach(s -> {
                    store.insert(s, List.of());
                    busyIndex.add(s.id(), s.resources(), s.when());
                });
                System.out.printf("  stored %d sessions (documents + busy index) in the MongoDB-wire server in %d ms%n",
                        booked.size(), (System.nanoTime() - t0) / 1_000_000);
                Function<Query, Map<String, List<Interval>>> stored = q -> busyIndex.busy(q.keys, q.from, q.to);
                run("stored (query + algorithm, the service's path)", roster, rooms, roomHours, base, participants,
                        iterations, random, stored);
            }
        } finally {
            server.shutdownNow();
        }
    }

    private record Query(List<String> keys, Instant from, Instant to) {
    }

    private static void run(String label, List<Member> roster, List<String> rooms, WeeklyHours roomHours, Instant base,
                            int participants, int iterations, Random random,
                            Function<Query, Map<String, List<Interval>>> busySource) {
        int warmup = Math.min(500, iterations / 2);
        long[] nanos = new long[iterations];
        int found = 0;
        for (int i = -warmup; i < iterations; i++) {
            List<Member> chosen = pick(roster, participants, random);
            Instant from = base.plus(Duration.ofHours(random.nextInt(24 * 20)));
            Instant to = from.plus(Duration.ofDays(30));
            List<String> roomChoice = pick(rooms, 3, random);
            long start = System.nanoTime();
            List<String> keys = new ArrayList<>();
            chosen.forEach(m -> keys.add(Resources.member(m.id())));
            roomChoice.forEach(r -> keys.add(Resources.room(r)));
            Map<String, List<Interval>> busy = busySource.apply(new Query(keys, from, to));
            List<ResourceCalendar> people = new ArrayList<>();
            for (Member m : chosen) {
                List<Interval> spans = new ArrayList<>(busy.getOrDefault(Resources.member(m.id()), List.of()));
                m.exceptions().forEach(x -> spans.add(new Interval(x.from(), x.to())));
                people.add(new ResourceCalendar(m.id(), m.hours(), spans));
            }
            List<ResourceCalendar> roomCalendars = roomChoice.stream().map(r -> new ResourceCalendar(r, roomHours,
                    busy.getOrDefault(Resources.room(r), List.of()))).toList();
            var options = SlotFinder.find(new SlotFinder.Query(from, to, Duration.ofMinutes(90), Duration.ofMinutes(15),
                    ZONE, 5), people, roomCalendars);
            long elapsed = System.nanoTime() - start;
            if (i >= 0) {
                nanos[i] = elapsed;
                found += options.isEmpty() ? 0 : 1;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("  %-48s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d of %d queries found a slot)%n", label,
                nanos[iterations / 2] / 1e6, nanos[(int) Math.ceil(iterations * 0.99) - 1] / 1e6,
                nanos[iterations - 1] / 1e6, found, iterations);
    }

    private static List<Member> roster(int count, Instant base, Random random) {
        WeeklyHours office = WeeklyHours.of(WeeklyHours.WEEKDAYS, TimeRange.of("08:30", "12:00"), TimeRange.of("13:30", "17:30"));
        WeeklyHours village = WeeklyHours.of(WeeklyHours.EVERY_DAY, TimeRange.of("08:00", "11:30"), TimeRange.of("14:00", "18:00"));
        WeeklyHours adviser = WeeklyHours.of(List.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                TimeRange.of("09:00", "12:00"), TimeRange.of("14:00", "17:30"));
        List<Member> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WeeklyHours hours = switch (i % 3) {
                case 0 -> office;
                case 1 -> village;
                default -> adviser;
            };
            List<Unavailability> leave = new ArrayList<>();
            if (random.nextInt(10) == 0) {
                Instant from = base.plus(Duration.ofDays(random.nextInt(50)));
                leave.add(new Unavailability(from, from.plus(Duration.ofDays(1 + random.nextInt(3))), "leave"));
            }
            list.add(new Member("m-" + i, "member " + i, null, Set.of(TeamRole.values()[i % TeamRole.values().length]),
                    Set.of("v-" + (i % 12)), null, hours, leave));
        }
        return list;
    }

    private static List<Session> sessions(int count, List<Member> roster, List<String> rooms, Instant base, Random random) {
        List<Session> list = new ArrayList<>(count);
        Instant bookedAt = base.minus(Duration.ofDays(30));
        for (int i = 0; i < count; i++) {
            LocalDate day = base.atZone(ZONE).toLocalDate().plusDays(random.nextInt(60));
            Instant start = day.atTime(8, 0).atZone(ZONE).toInstant().plus(Duration.ofMinutes(15L * random.nextInt(40)));
            Interval when = new Interval(start, start.plus(Duration.ofMinutes(60 + 15L * random.nextInt(5))));
            List<Participant> team = pick(roster, 2 + random.nextInt(5), random).stream()
                    .map(m -> new Participant(m.id(), m.name(), List.of(), null)).toList();
            list.add(Session.schedule("s-" + i, "mf-" + (i / 3), null, "v-" + (i % 12), 1, when,
                    rooms.get(random.nextInt(rooms.size())), team, List.of(), List.of(), "bench", bookedAt).state());
        }
        return list;
    }

    private static <T> List<T> pick(List<T> from, int n, Random random) {
        List<T> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, n));
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
