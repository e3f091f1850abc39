package cn.township.village.council;

import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.village.ElderOpinion;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.village.config.VillageProperties;
import cn.township.village.persistence.AggregateStore;
import cn.township.village.web.Caller;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Opens councils for handed-down cases, records elders' opinions, closes councils at their deadline. */
@Service
public class CouncilService {

    private final AggregateStore<ElderCouncil> store;
    private final VillageProperties.Council settings;
    private final Clock clock;

    CouncilService(MongoDatabase database, OutboxRelay relay, Clock clock, VillageProperties properties) {
        this.store = new AggregateStore<>(database, "councils", ElderCouncil.class, relay, clock);
        this.settings = properties.council();
        this.clock = clock;
    }

    /** Opens the council for a handed-down case; a repeated hand-down event opens nothing new. */
    public boolean open(CaseHandedDown handedDown) {
        Instant now = clock.instant();
        return store.insert(ElderCouncil.open(handedDown.caseId(), handedDown.village(), handedDown.category(),
                handedDown.reason(), handedDown.plan(), now, now.plus(settings.deadline()), settings.quorum()),
                List.of());
    }

    public ElderCouncil give(Caller caller, String councilId, ElderOpinion opinion, String comment) {
        caller.villageAs(Caller.ELDER);
        caller.requireVillage(store.get("council", councilId).village(), "council", councilId);
        return store.change("council", councilId,
                c -> c.record(caller.user(), caller.household(), opinion, comment, clock.instant()));
    }

    public ElderCouncil get(Caller caller, String councilId) {
        caller.villageAs(Caller.ELDER, Caller.CADRE);
        ElderCouncil council = store.get("council", councilId);
        caller.requireVillage(council.village(), "council", councilId);
        return council;
    }

    public List<ElderCouncil> list(Caller caller, ElderCouncil.@Nullable Status status) {
        String village = caller.villageAs(Caller.ELDER, Caller.CADRE);
        Bson filter = status == null ? Filters.eq("village", village)
                : Filters.and(Filters.eq("village", village), Filters.eq("status", status.name()));
        return store.list(filter, Sorts.descending("openedAt"), 200);
    }

    public @Nullable ElderCouncil find(String councilId) {
        return store.find(councilId).orElse(null);
    }

    public int expireDue() {
        Instant now = clock.instant();
        List<String> due = store.due(now, 500);
        due.forEach(id -> store.change("council", id, c -> c.expire(now)));
        return due.size();
    }
}
