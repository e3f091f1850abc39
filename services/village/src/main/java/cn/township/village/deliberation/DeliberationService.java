package cn.township.village.deliberation;

import cn.township.messaging.outbox.OutboxRelay;
import cn.township.village.config.VillageProperties;
import cn.township.village.persistence.AggregateStore;
import cn.township.village.rule.RuleViolation;
import cn.township.village.web.Caller;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Deliberations of the caller's village: propose, discuss, vote, decide. */
@Service
public class DeliberationService {

    private final AggregateStore<Deliberation> store;
    private final VillageProperties.Deliberation settings;
    private final Clock clock;

    DeliberationService(MongoDatabase database, OutboxRelay relay, Clock clock, VillageProperties properties) {
        this.store = new AggregateStore<>(database, "deliberations", Deliberation.class, relay, clock);
        this.settings = properties.deliberation();
        this.clock = clock;
    }

    public Deliberation propose(Caller caller, @Nullable String grid, String title, String proposal,
                                @Nullable Instant deadline, @Nullable Integer quorum, boolean secret,
                                Deliberation.@Nullable ProjectDraft project) {
        String village = caller.villageAs(Caller.CADRE, Caller.VILLAGER);
        Instant now = clock.instant();
        Deliberation d = Deliberation.propose("delib-" + UUID.randomUUID(), village, grid, title, proposal,
                caller.user(), now, deadline != null ? deadline : now.plus(settings.deadline()),
                quorum != null ? quorum : settings.quorum(), secret, project);
        store.insert(d, List.of());
        return d;
    }

    public Deliberation comment(Caller caller, String id, String text) {
        caller.villageAs(Caller.CADRE, Caller.VILLAGER, Caller.ELDER);
        caller.requireVillage(store.get("deliberation", id).village(), "deliberation", id);
        return store.change("deliberation", id, d -> d.comment(caller.user(), text, clock.instant()));
    }

    public Deliberation vote(Caller caller, String id, Deliberation.Choice choice) {
        caller.villageAs(Caller.VILLAGER);
        String household = caller.householdOrFail();
        caller.requireVillage(store.get("deliberation", id).village(), "deliberation", id);
        return store.change("deliberation", id, d -> d.vote(household, caller.user(), choice, clock.instant()));
    }

    public Deliberation get(Caller caller, String id) {
        caller.villageAs(Caller.CADRE, Caller.VILLAGER, Caller.ELDER);
        Deliberation d = store.get("deliberation", id);
        caller.requireVillage(d.village(), "deliberation", id);
        return d;
    }

    public List<Deliberation> list(Caller caller, Deliberation.@Nullable Status status) {
        String village = caller.villageAs(Caller.CADRE, Caller.VILLAGER, Caller.ELDER);
        return store.list(status == null ? Filters.eq("village", village)
                : Filters.and(Filters.eq("village", village), Filters.eq("status", status.name())),
                Sorts.descending("openedAt"), 200);
    }

    public Deliberation find(String id) {
        return store.find(id).orElseThrow(() -> RuleViolation.notFound("deliberation", id));
    }

    public int expireDue() {
        Instant now = clock.instant();
        List<String> due = store.due(now, 500);
        due.forEach(id -> store.change("deliberation", id, d -> d.expire(now)));
        return due.size();
    }
}
