package cn.township.intake.open311;

import cn.township.intake.receiving.UnknownCategory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Errors on Open311 paths in the spec's own form: {@code [{code, description}]} or {@code <errors>}. */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311Advice {

    @ExceptionHandler(Open311Error.class)
    ResponseEntity<String> error(Open311Error e) {
        return render(e.status(), e.format(), e.getMessage());
    }

    @ExceptionHandler(UnknownCategory.class)
    ResponseEntity<String> unknown(UnknownCategory e) {
        return render(HttpStatus.BAD_REQUEST, "json", e.getMessage());
    }

    static ResponseEntity<String> render(HttpStatus status, String format, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status.value());
        error.put("description", description);
        return Open311Output.render(format, status, new Open311Output.Answer("errors", "error", List.of(error)));
    }
}
