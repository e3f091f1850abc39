package cn.township.village.points;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A request to move a household's points, before it is posted. Its id is deterministic for anything that
 * can be retried (source event id + rule + household, or the client's idempotency key), so applying it twice
 * is recognised.
 */
public record LedgerEntry(String id, String village, String household, EntryKind kind, int points, String code,
                          String reason, @Nullable String evidence, @Nullable String sourceEventId, String by,
                          Instant at) {

    public LedgerEntry {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be positive, the kind gives the sign");
        }
    }

    public String account() {
        return Account.id(village, household);
    }

    public int delta() {
        return kind.sign() * points;
    }
}
