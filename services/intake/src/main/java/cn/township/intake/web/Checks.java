package cn.township.intake.web;

import cn.township.contracts.intake.Attachment;
import cn.township.contracts.intake.Location;
import cn.township.intake.privacy.PhoneProtector;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Collects field errors while a request is converted; {@link #done()} throws them all at once. */
final class Checks {

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{9,11}|\\d{7,8}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[A-Za-z0-9.+-]+");
    static final int MAX_ATTACHMENTS = 20;

    private final List<InvalidRequest.FieldError> errors = new ArrayList<>();

    void fail(String field, String message) {
        errors.add(new InvalidRequest.FieldError(field, message));
    }

    boolean ok() {
        return errors.isEmpty();
    }

    void done() {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    @Nullable String reference(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
            return null;
        }
        if (!REF.matcher(value).matches()) {
            fail(field, "must be 1-64 letters, digits, '_', '-', '.' or ':' starting with a letter or digit");
            return null;
        }
        return value;
    }

    @Nullable String text(String field, @Nullable String value, boolean required, int maxChars) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required and must not be blank");
            }
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > maxChars) {
            fail(field, "must be at most " + maxChars + " characters");
            return null;
        }
        return trimmed;
    }

    @Nullable Instant instant(String field, @Nullable String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required (ISO-8601 with offset, e.g. 2026-05-01T08:30:00+08:00)");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            fail(field, "must be ISO-8601 with an offset, e.g. 2026-05-01T08:30:00+08:00");
            return null;
        }
    }

    <E extends Enum<E>> @Nullable E oneOf(String field, @Nullable String value, Class<E> type, @Nullable E fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                fail(field, "is required, one of " + List.of(type.getEnumConstants()));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fail(field, "must be one of " + List.of(type.getEnumConstants()));
            return fallback;
        }
    }

    @Nullable Location location(String field, @Nullable Double lat, @Nullable Double lng) {
        boolean valid = true;
        if (lat == null || !(lat >= -90 && lat <= 90)) {
            fail(field + ".lat", "is required and must be between -90 and 90");
            valid = false;
        }
        if (lng == null || !(lng >= -180 && lng <= 180)) {
            fail(field + ".lng", "is required and must be between -180 and 180");
            valid = false;
        }
        return valid ? new Location(lat, lng) : null;
    }

    @Nullable String phone(String field, @Nullable String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        String normalized = PhoneProtector.normalize(value);
        if (value.length() > 24 || !PHONE.matcher(normalized).matches()) {
            fail(field, "must be a mobile (11 digits, 1[3-9]...) or landline number");
            return null;
        }
        return normalized;
    }

    List<Attachment> attachments(String field, @Nullable List<? extends AttachmentInput> items) {
        if (items == null) {
            return List.of();
        }
        if (items.size() > MAX_ATTACHMENTS) {
            fail(field, "at most " + MAX_ATTACHMENTS + " attachments");
            return List.of();
        }
        List<Attachment> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            AttachmentInput a = items.get(i);
            String at = field + "[" + i + "]";
            if (a == null) {
                fail(at, "must not be null");
                continue;
            }
            String url = a.url();
            if (url == null || url.length() > 2000 || !httpUrl(url)) {
                fail(at + ".url", "is required: an absolute http(s) URL of at most 2000 characters");
                continue;
            }
            if (a.mediaType() == null || !MEDIA_TYPE.matcher(a.mediaType()).matches()) {
                fail(at + ".mediaType", "is required: a media type such as image/jpeg");
                continue;
            }
            out.add(new Attachment(url, a.mediaType()));
        }
        return out;
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** An attachment as submitted, before validation. */
    interface AttachmentInput {
        @Nullable String url();

        @Nullable String mediaType();
    }
}
