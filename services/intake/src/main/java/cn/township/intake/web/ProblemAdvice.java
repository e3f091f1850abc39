package cn.township.intake.web;

import cn.township.intake.receiving.DuplicateSubmission;
import cn.township.intake.receiving.TicketNotFound;
import cn.township.intake.receiving.UnknownCategory;
import cn.township.intake.ticket.FollowUpRejected;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import java.util.List;
import java.util.Map;

/** Every error as {@code application/problem+json} naming the field or rule; never a stack trace. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalid(InvalidRequest e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        p.setProperty("errors", e.errors().stream()
                .map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        return p;
    }

    @ExceptionHandler(UnknownCategory.class)
    ProblemDetail unknownCategory(UnknownCategory e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown category", e.getMessage());
        p.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return p;
    }

    @ExceptionHandler(DuplicateSubmission.class)
    ProblemDetail duplicate(DuplicateSubmission e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Conflicting duplicate", e.getMessage());
        p.setProperty("ticketId", e.ticketId());
        return p;
    }

    @ExceptionHandler(FollowUpRejected.class)
    ProblemDetail rejected(FollowUpRejected e) {
        return problem(HttpStatus.CONFLICT, "Not allowed in the ticket's state", e.getMessage());
    }

    @ExceptionHandler(TicketNotFound.class)
    ProblemDetail notFound(TicketNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail busy(IllegalStateException e) {
        log.warn("request failed: {}", e.toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Try again", e.getMessage());
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        log.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the request could not be completed");
    }

    /** Malformed JSON (400 "malformed JSON") or a value of the wrong type (400 naming the field). */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        ProblemDetail p;
        if (cause instanceof DatabindException db && !db.getPath().isEmpty()) {
            String field = path(db);
            p = problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": has the wrong type or form");
            p.setProperty("errors", List.of(Map.of("field", field, "message", "has the wrong type or form")));
        } else if (cause instanceof JacksonException) {
            p = problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not well-formed JSON");
        } else {
            p = problem(HttpStatus.BAD_REQUEST, "Unreadable body", "a JSON body is required");
        }
        return ResponseEntity.badRequest().body(p);
    }

    private static String path(DatabindException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
