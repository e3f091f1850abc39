package cn.township.contracts.dispatch;

import org.jspecify.annotations.Nullable;

/** One unit's figures in the supervision digest: a department, a village, or the whole township (unit absent). */
public record DigestLine(
        String scope,
        @Nullable String unit,
        int open,
        int overdue,
        int breached,
        int urged,
        int returned,
        int lateAgencies) {
}
