package cn.township.dispatch.persistence;

import cn.township.dispatch.caserecord.Case;

/** A case as read, with the version a write must still find. */
public record StoredCase(Case value, long version) {
}
