package cn.township.dispatch.persistence;

import cn.township.dispatch.caserecord.CaseState;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Filters for listing cases; scope fields ({@code onlyDepartment} and so on) are set from the caller's
 * identity, never from the request.
 */
public record CaseQuery(@Nullable List<CaseState> states, @Nullable String department, @Nullable String village,
                        @Nullable String agency, @Nullable Boolean overdue, @Nullable String urgency,
                        @Nullable String source, int page, int size) {
}
