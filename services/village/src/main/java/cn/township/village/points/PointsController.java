package cn.township.village.points;

import cn.township.security.AllowedRoles;
import cn.township.security.Roles;
import cn.township.village.rule.RuleViolation;
import cn.township.village.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Civility points (文明积分): catalogue, awards, deductions, redemptions, balances, statements, leaderboard. */
@RestController
@RequestMapping("/api/village/points")
class PointsController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final PointsService service;
    private final PointsQueries queries;
    private final PointsCatalogue catalogue;
    private final Leaderboards leaderboards;

    PointsController(PointsService service, PointsQueries queries, PointsCatalogue catalogue,
                     Leaderboards leaderboards) {
        this.service = service;
        this.queries = queries;
        this.catalogue = catalogue;
        this.leaderboards = leaderboards;
    }

    record Adjustment(@NotBlank @Size(max = 64) String household, @NotBlank String ruleCode,
                      @NotBlank @Size(max = 500) String reason, @Nullable @Size(max = 1000) String evidence) {
    }

    record Redemption(@Nullable @Size(max = 64) String household, @NotBlank String itemCode,
                      @Nullable @Min(1) @Max(100) Integer quantity) {
    }

    @GetMapping("/catalogue")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER, Roles.ASSESSOR})
    Map<String, Object> catalogue() {
        return Map.of("rules", catalogue.rules(), "items", catalogue.items(), "floor", catalogue.floor());
    }

    @PostMapping("/awards")
    @AllowedRoles(Roles.VILLAGE_CADRE)
    ResponseEntity<EntryView> award(Caller caller, @Valid @RequestBody Adjustment body,
                                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        return respond(service.award(caller, body.household(), body.ruleCode(), body.reason(), body.evidence(), key));
    }

    @PostMapping("/deductions")
    @AllowedRoles(Roles.VILLAGE_CADRE)
    ResponseEntity<EntryView> deduct(Caller caller, @Valid @RequestBody Adjustment body,
                                     @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        return respond(service.deduct(caller, body.household(), body.ruleCode(), body.reason(), body.evidence(), key));
    }

    @PostMapping("/redemptions")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.VILLAGER})
    ResponseEntity<EntryView> redeem(Caller caller, @Valid @RequestBody Redemption body,
                                     @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        return respond(service.redeem(caller, body.household(), body.itemCode(),
                body.quantity() == null ? 1 : body.quantity(), key));
    }

    @GetMapping("/accounts/{household}")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    PointsQueries.Balance balance(Caller caller, @PathVariable String household) {
        String village = readable(caller, household);
        if (household.equals(caller.household())) {
            return queries.balance(village, household);
        }
        return queries.findBalance(village, household)
                .orElseThrow(() -> RuleViolation.notFound("points account", household));
    }

    @GetMapping("/accounts/{household}/entries")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    List<EntryView> entries(Caller caller, @PathVariable String household,
                            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw RuleViolation.invalid("paging", "offset must be >= 0 and limit between 1 and 500");
        }
        return queries.entries(existing(caller, household), household, offset, limit);
    }

    @GetMapping("/accounts/{household}/statements/{month}")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    PointsQueries.Statement statement(Caller caller, @PathVariable String household, @PathVariable String month) {
        YearMonth ym;
        try {
            ym = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalid("month", "month must look like 2026-05");
        }
        return queries.statement(existing(caller, household), household, ym);
    }

    @GetMapping("/leaderboard")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    List<PointsQueries.Rank> leaderboard(Caller caller, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > Leaderboards.SIZE) {
            throw RuleViolation.invalid("limit", "limit must be between 1 and " + Leaderboards.SIZE);
        }
        return leaderboards.top(caller.villageAs(Caller.CADRE, Caller.ELDER, Caller.VILLAGER), limit);
    }

    /**
     * Cadres and elders read any household of their village; a villager reads their own (another household:
     * 403). Returns the caller's village, where the account is looked up.
     */
    private static String readable(Caller caller, String household) {
        String village = caller.villageAs(Caller.CADRE, Caller.ELDER, Caller.VILLAGER);
        if (!caller.has(Caller.CADRE) && !caller.has(Caller.ELDER) && !household.equals(caller.household())) {
            throw RuleViolation.forbidden("own-household", "a villager sees only their own household's points");
        }
        return village;
    }

    /**
     * As {@link #readable}, and a household the caller's village keeps no account for (e.g. one of another
     * village) is not found (404); the caller's own household always reads, if only as empty.
     */
    private String existing(Caller caller, String household) {
        String village = readable(caller, household);
        if (!household.equals(caller.household()) && !queries.hasAccount(village, household)) {
            throw RuleViolation.notFound("points account", household);
        }
        return village;
    }

    private static ResponseEntity<EntryView> respond(PointsService.Posted posted) {
        return ResponseEntity.status(posted.created() ? HttpStatus.CREATED : HttpStatus.OK).body(posted.entry());
    }
}
