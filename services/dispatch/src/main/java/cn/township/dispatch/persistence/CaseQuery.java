package cn.township.dispatch.persistence;

import cn.township.dispatch.caserecord.CaseState;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Filters for listing cases. {@code involving} (a unit that leads the case or was summoned to it) is set from
 * the caller's identity, never from the request; so are {@code agency} and {@code village} for callers held
 * to their own.
 */
public record CaseQuery(@Nullable List<CaseState> states, @Nullable String department, @Nullable String village,
                        @Nullable String agency, @Nullable String involving, @Nullable Boolean overdue,
                        @Nullable String urgency, @Nullable String source, int page, int size) {
}
