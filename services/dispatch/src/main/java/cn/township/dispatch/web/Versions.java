package cn.township.dispatch.web;

import org.jspecify.annotations.Nullable;

/** The case version as an ETag ({@code "7"}) and back from If-Match. */
final class Versions {

    private Versions() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    static @Nullable Long parse(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Problems.BadRequest("If-Match", "If-Match must be the case version from its ETag, e.g. \"3\"");
        }
    }
}
