package cn.township.village.project;

import cn.township.messaging.outbox.OutboxRelay;
import cn.township.village.config.VillageProperties;
import cn.township.village.deliberation.Deliberation;
import cn.township.village.persistence.AggregateStore;
import cn.township.village.web.Caller;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Livelihood projects of the caller's village and their effect on complaints. */
@Service
public class ProjectService {

    private final AggregateStore<Project> store;
    private final TicketTally tally;
    private final Duration window;
    private final Clock clock;

    ProjectService(MongoDatabase database, OutboxRelay relay, Clock clock, VillageProperties properties,
                   TicketTally tally) {
        this.store = new AggregateStore<>(database, "projects", Project.class, relay, clock);
        this.tally = tally;
        this.window = properties.projects().comparisonWindow();
        this.clock = clock;
    }

    /** Complaints in the project's categories and area before and after its completion. */
    public record Impact(Instant beforeFrom, Instant completedAt, Instant afterTo, Map<String, Long> before,
                         Map<String, Long> after, long totalBefore, long totalAfter) {
    }

    public record ProjectView(Project project, @Nullable Impact impact) {
    }

    public Project create(Caller caller, String title, @Nullable String description, List<String> categories,
                          @Nullable String area) {
        String village = caller.villageAs(Caller.CADRE);
        Project p = Project.plan("project-" + UUID.randomUUID(), village, title, description, categories, area,
                caller.user(), clock.instant(), null);
        store.insert(p, List.of());
        return p;
    }

    /** Creates the project an adopted deliberation asked for; a repeated decision creates nothing new. */
    public boolean createFrom(Deliberation d) {
        Deliberation.ProjectDraft draft = d.project();
        if (d.projectId() == null || draft == null) {
            return false;
        }
        return store.insert(Project.plan(d.projectId(), d.village(), draft.title(), draft.description(),
                draft.categories(), draft.area(), d.proposer(), clock.instant(), d.id()), List.of());
    }

    public Project start(Caller caller, String id) {
        check(caller, id);
        return store.change("project", id, p -> p.start(clock.instant()));
    }

    public Project complete(Caller caller, String id) {
        check(caller, id);
        return store.change("project", id, p -> p.complete(clock.instant()));
    }

    public ProjectView get(Caller caller, String id) {
        caller.villageAs(Caller.CADRE, Caller.VILLAGER, Caller.ELDER);
        Project p = store.get("project", id);
        caller.requireVillage(p.village(), "project", id);
        return new ProjectView(p, impact(p));
    }

    public List<Project> list(Caller caller, Project.@Nullable Status status) {
        String village = caller.villageAs(Caller.CADRE, Caller.VILLAGER, Caller.ELDER);
        return store.list(status == null ? Filters.eq("village", village)
                : Filters.and(Filters.eq("village", village), Filters.eq("status", status.name())),
                Sorts.descending("createdAt"), 200);
    }

    private void check(Caller caller, String id) {
        caller.villageAs(Caller.CADRE);
        caller.requireVillage(store.get("project", id).village(), "project", id);
    }

    private @Nullable Impact impact(Project p) {
        if (p.status() != Project.Status.COMPLETED || p.completedAt() == null) {
            return null;
        }
        Instant done = p.completedAt();
        Instant beforeFrom = done.minus(window);
        Instant now = clock.instant();
        Instant afterTo = done.plus(window).isBefore(now) ? done.plus(window) : now;
        Map<String, Long> before = new LinkedHashMap<>();
        Map<String, Long> after = new LinkedHashMap<>();
        for (String category : p.categories()) {
            before.put(category, tally.count(p.village(), category, p.area(), beforeFrom, done));
            after.put(category, afterTo.isAfter(done) ? tally.count(p.village(), category, p.area(), done, afterTo) : 0L);
        }
        return new Impact(beforeFrom, done, afterTo, before, after,
                before.values().stream().mapToLong(Long::longValue).sum(),
                after.values().stream().mapToLong(Long::longValue).sum());
    }
}
