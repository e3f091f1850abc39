package cn.township.village.points;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** A ledger entry as shown to callers. */
public record EntryView(String entryId, String household, long seq, EntryKind kind, int points, int delta,
                        String code, String reason, @Nullable String evidence, @Nullable String sourceEventId,
                        String by, int balance, Instant at) {

    static EntryView of(PostedEntry p) {
        LedgerEntry e = p.entry();
        return new EntryView(e.id(), e.household(), p.seq(), e.kind(), e.points(), e.delta(), e.code(), e.reason(),
                e.evidence(), e.sourceEventId(), e.by(), p.balance(), e.at());
    }

    static EntryView of(Document d) {
        return new EntryView(d.getString("_id"), d.getString("household"), d.get("seq", Number.class).longValue(),
                EntryKind.valueOf(d.getString("kind")), d.getInteger("points"), d.getInteger("delta"),
                d.getString("code"), d.getString("reason"), d.getString("evidence"), d.getString("sourceEventId"),
                d.getString("by"), d.getInteger("balance"), d.getDate("at").toInstant());
    }
}
