package cn.township.intake.open311;

import cn.township.contracts.intake.TicketSource;
import cn.township.intake.IntakeProperties;
import cn.township.intake.classification.Category;
import cn.township.intake.classification.CategoryCatalogue;
import cn.township.intake.persistence.TicketFields;
import cn.township.intake.persistence.TicketStore;
import cn.township.intake.receiving.Accepted;
import cn.township.intake.receiving.TicketIntake;
import cn.township.intake.ticket.NewTicket;
import cn.township.intake.ticket.TicketStatus;
import com.mongodb.client.model.Filters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open311 GeoReport v2 at {@code /open311/v2}: services from the category catalogue, service requests
 * as OPEN311 tickets (JSON and XML), tokens, discovery, and FixMyStreet's servicerequestupdates. Only
 * requests submitted through Open311 are listed here: 12345 and grid tickets stay private.
 */
@RestController
@Tag(name = "open311", description = "GeoReport v2 (JSON and XML); public, POST requests needs an api_key")
@SecurityRequirements // public: no bearer token (township.security.public-paths)
class Open311Controller {

    private static final String BASE = "/open311/v2";
    private static final int MAX_RESULTS = 1000;

    private final CategoryCatalogue catalogue;
    private final TicketIntake intake;
    private final TicketStore store;
    private final IntakeProperties.Open311 settings;
    private final Clock clock;

    Open311Controller(CategoryCatalogue catalogue, TicketIntake intake, TicketStore store, IntakeProperties properties,
                      Clock clock) {
        this.catalogue = catalogue;
        this.intake = intake;
        this.store = store;
        this.settings = properties.open311();
        this.clock = clock;
    }

    @Operation(summary = "Service discovery")
    @GetMapping(BASE + "/discovery.{format}")
    ResponseEntity<String> discovery(@PathVariable String format) {
        check(format, null);
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
        endpoint.put("url", BASE);
        endpoint.put("changeset", "2026-05-01T00:00:00Z");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("text/xml", "application/json"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("changeset", "2026-05-01T00:00:00Z");
        doc.put("contact", "熊儿寨乡接诉即办 township 12345 office");
        doc.put("key_service", "api_key issued by the township on request");
        doc.put("endpoints", List.of(endpoint));
        return Open311Output.renderObject(format, "discovery", doc);
    }

    @Operation(summary = "Service list (the category catalogue)")
    @GetMapping(BASE + "/services.{format}")
    ResponseEntity<String> services(@PathVariable String format,
                                    @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        check(format, jurisdiction);
        List<Map<String, Object>> services = catalogue.all().stream().map(Open311Controller::service).toList();
        return Open311Output.render(format, HttpStatus.OK, new Open311Output.Answer("services", "service", services));
    }

    @Operation(summary = "Service definition (no extra attributes)")
    @GetMapping(BASE + "/services/{code}.{format}")
    ResponseEntity<String> definition(@PathVariable String code, @PathVariable String format,
                                      @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        check(format, jurisdiction);
        Category c = catalogue.find(code).orElseThrow(() ->
                new Open311Error(HttpStatus.NOT_FOUND, format, "service_code " + code + " not found"));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", c.code());
        definition.put("attributes", List.of());
        return Open311Output.renderObject(format, "service_definition", definition);
    }

    @Operation(summary = "Create a service request (form-encoded, api_key required)")
    @PostMapping(path = BASE + "/requests.{format}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> create(@PathVariable String format, @RequestParam MultiValueMap<String, String> form) {
        check(format, form.getFirst("jurisdiction_id"));
        String apiKey = form.getFirst("api_key");
        String client = apiKey == null ? null : settings.clients().get(apiKey);
        if (client == null) {
            throw new Open311Error(HttpStatus.FORBIDDEN, format, "api_key is missing or not known");
        }
        NewTicket ticket = Open311Requests.toNewTicket(form, format, client, clock.instant(), catalogue);
        Accepted accepted = intake.accept(ticket);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", accepted.ticketId());
        answer.put("service_notice", "已受理 received; the township responds within the category's deadline");
        answer.put("account_id", form.getFirst("account_id"));
        return Open311Output.render(format, HttpStatus.OK,
                new Open311Output.Answer("service_requests", "request", List.of(answer)));
    }

    @Operation(summary = "Query service requests: service_request_id, service_code, start_date, end_date, status")
    @GetMapping(BASE + "/requests.{format}")
    ResponseEntity<String> requests(@PathVariable String format, @RequestParam MultiValueMap<String, String> query) {
        check(format, query.getFirst("jurisdiction_id"));
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq(TicketFields.SOURCE, TicketSource.OPEN311.name()));
        String ids = query.getFirst("service_request_id");
        if (ids != null && !ids.isBlank()) {
            filters.add(Filters.in("_id", split(ids)));
        } else {
            Instant end = date(format, "end_date", query.getFirst("end_date"));
            Instant start = date(format, "start_date", query.getFirst("start_date"));
            end = end != null ? end : clock.instant();
            start = start != null ? start : end.minus(Duration.ofDays(90));
            filters.add(Filters.gte(TicketFields.ACCEPTED_AT, Date.from(start)));
            filters.add(Filters.lte(TicketFields.ACCEPTED_AT, Date.from(end)));
            String codes = query.getFirst("service_code");
            if (codes != null && !codes.isBlank()) {
                filters.add(Filters.in(TicketFields.CATEGORY, split(codes)));
            }
        }
        List<String> statuses = query.getFirst("status") == null ? List.of("open", "closed") : split(query.getFirst("status"));
        List<Map<String, Object>> requests = store.find(Filters.and(filters), 0, MAX_RESULTS).stream()
                .map(this::request).filter(r -> statuses.contains((String) r.get("status"))).toList();
        return Open311Output.render(format, HttpStatus.OK, new Open311Output.Answer("service_requests", "request", requests));
    }

    @Operation(summary = "One service request")
    @GetMapping(BASE + "/requests/{id}.{format}")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format,
                                   @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        check(format, jurisdiction);
        Document ticket = open311Ticket(id, format);
        return Open311Output.render(format, HttpStatus.OK,
                new Open311Output.Answer("service_requests", "request", List.of(request(ticket))));
    }

    @Operation(summary = "The service request id of a token (requests are created at once: the token is the id)")
    @GetMapping(BASE + "/tokens/{token}.{format}")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format,
                                 @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        check(format, jurisdiction);
        Document ticket = open311Ticket(token, format);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", ticket.getString("_id"));
        answer.put("token", token);
        return Open311Output.render(format, HttpStatus.OK,
                new Open311Output.Answer("service_requests", "request", List.of(answer)));
    }

    @Operation(summary = "FixMyStreet extension: status updates between start_date and end_date")
    @GetMapping(BASE + "/servicerequestupdates.{format}")
    ResponseEntity<String> updates(@PathVariable String format, @RequestParam MultiValueMap<String, String> query) {
        check(format, query.getFirst("jurisdiction_id"));
        Instant end = date(format, "end_date", query.getFirst("end_date"));
        Instant start = date(format, "start_date", query.getFirst("start_date"));
        end = end != null ? end : clock.instant();
        start = start != null ? start : end.minus(Duration.ofDays(1));
        List<Map<String, Object>> updates = new ArrayList<>();
        for (Document ticket : store.find(Filters.and(Filters.eq(TicketFields.SOURCE, TicketSource.OPEN311.name()),
                Filters.gte(TicketFields.UPDATED_AT, Date.from(start))), 0, MAX_RESULTS)) {
            for (Document u : ticket.getList(TicketFields.UPDATES, Document.class, List.of())) {
                Instant at = u.getDate("at").toInstant();
                if (!at.isBefore(start) && !at.isAfter(end)) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("update_id", ticket.getString("_id") + "-" + u.getString("updateId"));
                    m.put("service_request_id", ticket.getString("_id"));
                    m.put("status", fmsState(TicketStatus.valueOf(u.getString("status"))));
                    m.put("updated_datetime", at.toString());
                    m.put("description", u.getString("description"));
                    m.put("media_url", "");
                    updates.add(m);
                }
            }
        }
        return Open311Output.render(format, HttpStatus.OK,
                new Open311Output.Answer("service_request_updates", "request_update", updates));
    }

    private Document open311Ticket(String id, String format) {
        return store.byId(id).filter(d -> TicketSource.OPEN311.name().equals(d.getString(TicketFields.SOURCE)))
                .orElseThrow(() -> new Open311Error(HttpStatus.NOT_FOUND, format, "service_request_id " + id + " not found"));
    }

    private Map<String, Object> request(Document t) {
        TicketStatus status = TicketStatus.valueOf(t.getString(TicketFields.STATUS));
        List<Document> updates = t.getList(TicketFields.UPDATES, Document.class, List.of());
        Document location = t.get(TicketFields.LOCATION, Document.class);
        List<Document> attachments = t.getList(TicketFields.ATTACHMENTS, Document.class, List.of());
        String code = t.getString(TicketFields.CATEGORY);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", t.getString("_id"));
        r.put("status", status.open() ? "open" : "closed");
        r.put("status_notes", updates.isEmpty() ? "" : updates.getLast().getString("description"));
        r.put("service_name", catalogue.find(code).map(Category::name).orElse(code));
        r.put("service_code", code);
        r.put("description", t.getString(TicketFields.CONTENT));
        r.put("agency_responsible", t.getString(TicketFields.AGENCY) != null ? t.getString(TicketFields.AGENCY)
                : t.getString(TicketFields.LEAD_DEPARTMENT));
        r.put("service_notice", "");
        r.put("requested_datetime", t.getDate(TicketFields.RECEIVED_AT).toInstant().toString());
        r.put("updated_datetime", t.getDate(TicketFields.UPDATED_AT).toInstant().toString());
        Date expected = t.getDate(TicketFields.EXPECTED_AT);
        r.put("expected_datetime", expected == null ? "" : expected.toInstant().toString());
        r.put("address", t.getString(TicketFields.ADDRESS) == null ? "" : t.getString(TicketFields.ADDRESS));
        r.put("address_id", "");
        r.put("zipcode", "");
        r.put("lat", location == null ? "" : location.get("lat"));
        r.put("long", location == null ? "" : location.get("lng"));
        r.put("media_url", attachments.isEmpty() ? "" : attachments.getFirst().getString("url"));
        return r;
    }

    private static Map<String, Object> service(Category c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("service_code", c.code());
        s.put("service_name", c.name());
        s.put("description", c.description());
        s.put("metadata", false);
        s.put("type", "realtime");
        s.put("keywords", String.join(",", c.keywords()));
        s.put("group", c.group());
        return s;
    }

    /** FixMyStreet's extended states. */
    private static String fmsState(TicketStatus status) {
        return switch (status) {
            case RECEIVED -> "open";
            case IN_PROGRESS, ESCALATED -> "in_progress";
            case RESOLVED -> "fixed";
            case CLOSED, WITHDRAWN -> "closed";
        };
    }

    private void check(String format, @Nullable String jurisdiction) {
        if (!"json".equals(format) && !"xml".equals(format)) {
            throw new Open311Error(HttpStatus.NOT_FOUND, "json", "format must be json or xml");
        }
        if (jurisdiction != null && !jurisdiction.isBlank() && !jurisdiction.equals(settings.jurisdictionId())) {
            throw new Open311Error(HttpStatus.NOT_FOUND, format, "jurisdiction_id " + jurisdiction + " is not served here");
        }
    }

    private static @Nullable Instant date(String format, String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, format, name + " must be ISO-8601 with an offset");
        }
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
