package cn.township.village.points;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic ledger entry ids, so a repeated event or request maps to the same entry. */
public final class EntryIds {

    private EntryIds() {
    }

    /** One entry per source event, rule and household. */
    public static String fromEvent(String sourceEventId, String ruleCode, String household) {
        return name("event|" + sourceEventId + "|" + ruleCode + "|" + household);
    }

    /** One entry per village, caller and client idempotency key; a fresh id without a key. */
    public static String fromRequest(String village, String user, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString()
                : name("request|" + village + "|" + user + "|" + idempotencyKey);
    }

    private static String name(String s) {
        return UUID.nameUUIDFromBytes(s.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
