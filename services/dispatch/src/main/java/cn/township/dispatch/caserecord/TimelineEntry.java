package cn.township.dispatch.caserecord;

import java.time.Instant;

/** One line of a case's history: who did what, when. */
public record TimelineEntry(Instant at, String by, String action, String detail) {
}
