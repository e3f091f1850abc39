package cn.township.dispatch.web;

import cn.township.dispatch.caserecord.IllegalTransition;
import cn.township.dispatch.caserecord.InvalidCommand;
import cn.township.dispatch.casework.CaseNotFound;
import cn.township.dispatch.casework.NotPermitted;
import cn.township.dispatch.casework.VersionConflict;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/** Every error as {@code application/problem+json}, naming the field, state or rule at fault. */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail illegalTransition(IllegalTransition e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Not allowed in this state", e.getMessage(), "illegal-transition");
        p.setProperty("state", e.state());
        p.setProperty("action", e.action());
        p.setProperty("allowedActions", e.allowed());
        return p;
    }

    @ExceptionHandler
    ProblemDetail versionConflict(VersionConflict e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Changed by someone else", e.getMessage(), "version-conflict");
        p.setProperty("currentVersion", e.current());
        return p;
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidCommand e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid " + e.field(), e.getMessage(), "invalid-field");
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler
    ProblemDetail notFound(CaseNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "No such case", e.getMessage(), "not-found");
    }

    @ExceptionHandler
    ProblemDetail forbidden(NotPermitted e) {
        return problem(HttpStatus.FORBIDDEN, "Not permitted", e.getMessage(), "forbidden");
    }

    @ExceptionHandler
    ProblemDetail forbidden(Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, "Not permitted", e.getMessage(), "forbidden");
    }

    @ExceptionHandler
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid " + e.getName(),
                "'" + e.getValue() + "' is not a valid " + e.getName(), "invalid-parameter");
        p.setProperty("field", e.getName());
        return p;
    }

    @ExceptionHandler
    ProblemDetail badRequest(BadRequest e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid " + e.field(), e.getMessage(), "invalid-parameter");
        p.setProperty("field", e.field());
        return p;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, String type) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("urn:township:dispatch:" + type));
        return p;
    }

    /** A caller whose role may not use this endpoint at all. */
    static final class Forbidden extends RuntimeException {
        Forbidden(String message) {
            super(message);
        }
    }

    /** A malformed header or parameter. */
    static final class BadRequest extends RuntimeException {
        private final String field;

        BadRequest(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
