package cn.township.intake.open311;

import cn.township.contracts.intake.Attachment;
import cn.township.contracts.intake.Channel;
import cn.township.contracts.intake.Location;
import cn.township.contracts.intake.TicketKind;
import cn.township.contracts.intake.TicketSource;
import cn.township.contracts.intake.Urgency;
import cn.township.intake.classification.Category;
import cn.township.intake.classification.CategoryCatalogue;
import cn.township.intake.privacy.PhoneProtector;
import cn.township.intake.ticket.NewTicket;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** A GeoReport POST form turned into an OPEN311 ticket, with the spec's error for the first bad field. */
final class Open311Requests {

    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{9,11}|\\d{7,8}");

    private Open311Requests() {
    }

    static NewTicket toNewTicket(MultiValueMap<String, String> form, String format, String client, Instant now,
                                 CategoryCatalogue catalogue) {
        String code = form.getFirst("service_code");
        if (code == null || code.isBlank()) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, format, "service_code is required");
        }
        Category category = catalogue.find(code.trim()).orElseThrow(() ->
                new Open311Error(HttpStatus.BAD_REQUEST, format, "service_code " + code + " not found"));
        Location location = location(form, format);
        String address = limited(form, "address_string", 500, format);
        String addressId = form.getFirst("address_id");
        if (location == null && address == null && (addressId == null || addressId.isBlank())) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, format, "lat and long, address_string or address_id is required");
        }
        if (address == null && addressId != null && !addressId.isBlank()) {
            address = addressId.trim();
        }
        String description = limited(form, "description", 4000, format);
        String name = String.join(" ", java.util.stream.Stream.of(form.getFirst("first_name"), form.getFirst("last_name"))
                .filter(s -> s != null && !s.isBlank()).map(String::trim).toList());
        String phone = null;
        if (form.getFirst("phone") != null && !form.getFirst("phone").isBlank()) {
            phone = PhoneProtector.normalize(form.getFirst("phone"));
            if (!PHONE.matcher(phone).matches()) {
                throw new Open311Error(HttpStatus.BAD_REQUEST, format, "phone is not a valid phone number");
            }
        }
        List<Attachment> media = List.of();
        String mediaUrl = form.getFirst("media_url");
        if (mediaUrl != null && !mediaUrl.isBlank()) {
            if (!httpUrl(mediaUrl)) {
                throw new Open311Error(HttpStatus.BAD_REQUEST, format, "media_url must be an absolute http(s) URL");
            }
            media = List.of(new Attachment(mediaUrl.trim(), "image/*"));
        }
        return new NewTicket(TicketSource.OPEN311, null, "open311:" + client + ":" + UUID.randomUUID(), now,
                Channel.OTHER, TicketKind.HELP, category.code(), description != null ? description : category.name(),
                address, location, null, name.isEmpty() ? null : name, phone, false, Urgency.NORMAL, null, media,
                "open311:" + client, null);
    }

    private static @Nullable Location location(MultiValueMap<String, String> form, String format) {
        String lat = form.getFirst("lat");
        String lng = form.getFirst("long");
        if ((lat == null || lat.isBlank()) && (lng == null || lng.isBlank())) {
            return null;
        }
        try {
            double la = Double.parseDouble(lat);
            double lo = Double.parseDouble(lng);
            if (la < -90 || la > 90 || lo < -180 || lo > 180) {
                throw new NumberFormatException();
            }
            return new Location(la, lo);
        } catch (NumberFormatException | NullPointerException e) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, format, "lat and long must both be decimal degrees (WGS-84)");
        }
    }

    private static @Nullable String limited(MultiValueMap<String, String> form, String field, int max, String format) {
        String value = form.getFirst(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw new Open311Error(HttpStatus.BAD_REQUEST, format, field + " must be at most " + max + " characters");
        }
        return trimmed;
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url.trim());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
