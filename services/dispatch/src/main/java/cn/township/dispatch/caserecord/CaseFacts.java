package cn.township.dispatch.caserecord;

import org.jspecify.annotations.Nullable;

/** What the case is about, as the first ticket told it. */
public record CaseFacts(String source, String kind, String category, String urgency, boolean confidential,
                        String content, @Nullable String address, @Nullable String village,
                        @Nullable String complainantName, @Nullable String complainantPhoneMasked) {
}
