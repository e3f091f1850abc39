package cn.township.intake.open311;

import org.springframework.http.HttpStatus;

/** A GeoReport error: answered as {@code [{code, description}]} / {@code <errors><error>} with the HTTP status. */
class Open311Error extends RuntimeException {

    private final HttpStatus status;
    private final String format;

    Open311Error(HttpStatus status, String format, String description) {
        super(description);
        this.status = status;
        this.format = format;
    }

    HttpStatus status() {
        return status;
    }

    String format() {
        return format;
    }
}
