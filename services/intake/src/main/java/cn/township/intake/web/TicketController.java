package cn.township.intake.web;

import cn.township.intake.persistence.TicketFields;
import cn.township.intake.persistence.TicketStore;
import cn.township.intake.privacy.PhoneProtector;
import cn.township.intake.receiving.Accepted;
import cn.township.intake.receiving.FollowUps;
import cn.township.intake.receiving.TicketIntake;
import cn.township.intake.receiving.TicketNotFound;
import cn.township.intake.ticket.FollowUp;
import cn.township.security.AllowedRoles;
import cn.township.security.Caller;
import cn.township.security.Roles;
import com.mongodb.client.model.Filters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 12345's push and follow-ups, and reading tickets within the caller's scope. */
@RestController
@RequestMapping("/api/intake/v1/tickets")
@Tag(name = "tickets", description = "12345 push (role hotline), follow-ups by messageId, reading tickets")
class TicketController {

    private final TicketIntake intake;
    private final FollowUps followUps;
    private final TicketStore store;
    private final PhoneProtector phones;
    private final Clock clock;

    TicketController(TicketIntake intake, FollowUps followUps, TicketStore store, PhoneProtector phones, Clock clock) {
        this.intake = intake;
        this.followUps = followUps;
        this.store = store;
        this.phones = phones;
        this.clock = clock;
    }

    record Receipt(String ticketId, String status) {
    }

    record FollowUpReceipt(String ticketId, String messageId, String status, boolean applied) {
    }

    @Operation(summary = "Push a 12345 ticket",
            description = "201 with the new ticket; the same ticketNo and body again: 200 with the same ticketId; "
                    + "same ticketNo, other body: 409. Body at most 64 KiB.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowedRoles(Roles.HOTLINE)
    ResponseEntity<Receipt> push(@RequestBody TicketPush body) {
        return receipt(intake.accept(body.toNewTicket()));
    }

    static ResponseEntity<Receipt> receipt(Accepted accepted) {
        Receipt receipt = new Receipt(accepted.ticketId(), accepted.status().name());
        URI location = URI.create("/api/intake/v1/tickets/" + accepted.ticketId());
        return accepted.created() ? ResponseEntity.created(location).body(receipt)
                : ResponseEntity.ok().location(location).body(receipt);
    }

    @Operation(summary = "Read one ticket", description = "Phone in clear for hotline/secretary/dispatcher, "
            + "masked for others; a confidential complainant is hidden below the township; 404 outside scope.")
    @GetMapping("/{ticketId}")
    @AllowedRoles({Roles.HOTLINE, Roles.SECRETARY, Roles.DISPATCHER, Roles.DEPARTMENT, Roles.VILLAGE_CADRE,
            Roles.GRID_WORKER, Roles.ASSESSOR})
    TicketView get(Caller caller, @PathVariable String ticketId) {
        Document doc = store.byId(ticketId).filter(d -> TicketScope.canSee(caller, d))
                .orElseThrow(() -> new TicketNotFound(ticketId));
        return TicketView.of(doc, caller, phones);
    }

    @Operation(summary = "List tickets in the caller's scope, newest first; filter by source, status, village, category")
    @GetMapping
    @AllowedRoles({Roles.HOTLINE, Roles.SECRETARY, Roles.DISPATCHER, Roles.DEPARTMENT, Roles.VILLAGE_CADRE,
            Roles.GRID_WORKER, Roles.ASSESSOR})
    List<TicketView> list(Caller caller, @RequestParam(required = false) @Nullable String source,
                          @RequestParam(required = false) @Nullable String status,
                          @RequestParam(required = false) @Nullable String village,
                          @RequestParam(required = false) @Nullable String category,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Checks c = new Checks();
        if (page < 0) {
            c.fail("page", "must be 0 or more");
        }
        if (size < 1 || size > 200) {
            c.fail("size", "must be between 1 and 200");
        }
        c.done();
        List<Bson> filters = new ArrayList<>();
        filters.add(TicketScope.filter(caller, village));
        addEq(filters, TicketFields.SOURCE, source);
        addEq(filters, TicketFields.STATUS, status);
        addEq(filters, TicketFields.VILLAGE, village);
        addEq(filters, TicketFields.CATEGORY, category);
        return store.find(Filters.and(filters), page * size, size).stream()
                .map(d -> TicketView.of(d, caller, phones)).toList();
    }

    @Operation(summary = "Ticket counts by source (12345, grid, Open311) and status, within the caller's scope")
    @GetMapping("/counts")
    @AllowedRoles({Roles.HOTLINE, Roles.SECRETARY, Roles.DISPATCHER, Roles.DEPARTMENT, Roles.VILLAGE_CADRE,
            Roles.GRID_WORKER, Roles.ASSESSOR})
    Map<String, Object> counts(Caller caller) {
        Bson scope = TicketScope.filter(caller, null);
        Map<String, Long> bySource = new LinkedHashMap<>();
        for (var source : cn.township.contracts.intake.TicketSource.values()) {
            bySource.put(source.name(), store.count(Filters.and(scope, Filters.eq(TicketFields.SOURCE, source.name()))));
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (var status : cn.township.intake.ticket.TicketStatus.values()) {
            byStatus.put(status.name(), store.count(Filters.and(scope, Filters.eq(TicketFields.STATUS, status.name()))));
        }
        return Map.of("bySource", bySource, "byStatus", byStatus);
    }

    @Operation(summary = "催办 urge", description = "Idempotent by messageId: 201 applied, 200 replay, 409 same id other body")
    @PostMapping(path = "/{ticketId}/urges", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowedRoles(Roles.HOTLINE)
    ResponseEntity<FollowUpReceipt> urge(Caller caller, @PathVariable String ticketId,
                                         @RequestBody FollowUpBodies.UrgeBody body) {
        return followUp(caller, ticketId, body.toFollowUp(clock), body);
    }

    @Operation(summary = "补充 supplement content or attachments", description = "Idempotent by messageId")
    @PostMapping(path = "/{ticketId}/supplements", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowedRoles(Roles.HOTLINE)
    ResponseEntity<FollowUpReceipt> supplement(Caller caller, @PathVariable String ticketId,
                                               @RequestBody FollowUpBodies.SupplementBody body) {
        return followUp(caller, ticketId, body.toFollowUp(clock), body);
    }

    @Operation(summary = "撤单 withdraw", description = "Idempotent by messageId; 409 once resolved or closed")
    @PostMapping(path = "/{ticketId}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowedRoles(Roles.HOTLINE)
    ResponseEntity<FollowUpReceipt> withdraw(Caller caller, @PathVariable String ticketId,
                                             @RequestBody FollowUpBodies.WithdrawalBody body) {
        return followUp(caller, ticketId, body.toFollowUp(clock), body);
    }

    @Operation(summary = "回访 satisfaction call-back: SATISFIED, BASICALLY_SATISFIED, UNSATISFIED",
            description = "Idempotent by messageId")
    @PostMapping(path = "/{ticketId}/satisfaction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowedRoles(Roles.HOTLINE)
    ResponseEntity<FollowUpReceipt> satisfaction(Caller caller, @PathVariable String ticketId,
                                                 @RequestBody FollowUpBodies.SatisfactionBody body) {
        return followUp(caller, ticketId, body.toFollowUp(clock), body);
    }

    private ResponseEntity<FollowUpReceipt> followUp(Caller caller, String ticketId, FollowUp followUp, Object body) {
        FollowUps.Result r = followUps.apply(ticketId, followUp, FollowUpBodies.fingerprint(body),
                d -> TicketScope.canSee(caller, d));
        FollowUpReceipt receipt = new FollowUpReceipt(r.ticketId(), r.messageId(), r.status().name(), r.applied());
        return ResponseEntity.status(r.applied() ? HttpStatus.CREATED : HttpStatus.OK).body(receipt);
    }

    private static void addEq(List<Bson> filters, String field, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            filters.add(Filters.eq(field, value));
        }
    }
}
