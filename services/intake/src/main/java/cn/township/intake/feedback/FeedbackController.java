package cn.township.intake.feedback;

import cn.township.security.AllowedRoles;
import cn.township.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Date;
import java.util.List;
import java.util.Map;

/** The delivery log of results sent to the city; failed deliveries stay listed until retried. */
@RestController
@Tag(name = "city feedback", description = "办结反馈 deliveries to 12345: log, failures, manual retry")
class FeedbackController {

    private final FeedbackDeliveries deliveries;

    FeedbackController(FeedbackDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Operation(summary = "List deliveries (status PENDING, SENDING, DELIVERED, FAILED), newest first")
    @GetMapping("/api/intake/v1/feedback-deliveries")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR})
    List<Map<String, Object>> list(@RequestParam(required = false) @Nullable String status,
                                   @RequestParam(required = false) @Nullable String ticketId) {
        return deliveries.find(status, ticketId, 200).stream().map(FeedbackController::view).toList();
    }

    @Operation(summary = "Queue a FAILED delivery again", description = "202 queued; 404 when no FAILED delivery has this id")
    @PostMapping("/api/intake/v1/feedback-deliveries/{id}/retry")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER})
    ResponseEntity<?> retry(@PathVariable String id) {
        return deliveries.retry(id) ? ResponseEntity.accepted().build() : ResponseEntity.of(ProblemDetail
                .forStatusAndDetail(HttpStatus.NOT_FOUND, "no FAILED delivery " + id)).build();
    }

    private static Map<String, Object> view(Document d) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(d);
        m.put("id", m.remove("_id"));
        m.replaceAll((k, v) -> convert(v));
        return m;
    }

    private static Object convert(Object v) {
        if (v instanceof Date date) {
            return date.toInstant();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(FeedbackController::convert).toList();
        }
        if (v instanceof Document doc) {
            Map<String, Object> m = new java.util.LinkedHashMap<>(doc);
            m.replaceAll((k, x) -> convert(x));
            return m;
        }
        return v;
    }
}
