package cn.township.intake.web;

import cn.township.intake.persistence.TicketFields;
import cn.township.intake.privacy.PhoneProtector;
import cn.township.security.Caller;
import cn.township.security.Pii;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** A ticket as one caller may see it: phone in clear only for roles that need it, masked otherwise (see {@link Pii}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketView(String ticketId, @Nullable String ticketNo, String source, String status,
                         @Nullable Instant receivedAt, @Nullable String channel, String kind, String category,
                         @Nullable String leadDepartment, @Nullable String deadlineClass, String content,
                         @Nullable String address, @Nullable Map<String, Object> location, @Nullable String village,
                         @Nullable String grid, boolean manualRouting, @Nullable ComplainantView complainant,
                         boolean confidential, String urgency, @Nullable Instant dueAt,
                         List<Map<String, Object>> attachments, List<String> linkedTicketIds,
                         List<String> similarTicketIds, @Nullable String reportedBy, @Nullable String caseId,
                         @Nullable String agencyResponsible, @Nullable Instant expectedAt,
                         List<Map<String, Object>> followUps) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComplainantView(@Nullable String name, @Nullable String phone) {
    }

    static TicketView of(Document d, Caller caller, PhoneProtector phones) {
        boolean confidential = d.getBoolean(TicketFields.CONFIDENTIAL, false);
        ComplainantView complainant = complainant(d.get(TicketFields.COMPLAINANT, Document.class), confidential,
                caller, phones);
        List<Map<String, Object>> followUps = d.getList(TicketFields.FOLLOW_UPS, Document.class, List.of()).stream()
                .map(f -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>(f);
                    m.remove("fingerprint");
                    m.replaceAll((k, v) -> v instanceof Date date ? date.toInstant() : v);
                    return m;
                }).toList();
        return new TicketView(d.getString("_id"), d.getString(TicketFields.TICKET_NO), d.getString(TicketFields.SOURCE),
                d.getString(TicketFields.STATUS), instant(d, TicketFields.RECEIVED_AT), d.getString(TicketFields.CHANNEL),
                d.getString(TicketFields.KIND), d.getString(TicketFields.CATEGORY),
                d.getString(TicketFields.LEAD_DEPARTMENT), d.getString(TicketFields.DEADLINE_CLASS),
                d.getString(TicketFields.CONTENT), d.getString(TicketFields.ADDRESS),
                d.get(TicketFields.LOCATION, Document.class), d.getString(TicketFields.VILLAGE),
                d.getString(TicketFields.GRID), d.getBoolean(TicketFields.MANUAL_ROUTING, false), complainant,
                confidential, d.getString(TicketFields.URGENCY), instant(d, TicketFields.DUE_AT),
                d.getList(TicketFields.ATTACHMENTS, Document.class, List.of()).stream()
                        .map(a -> (Map<String, Object>) a).toList(),
                d.getList(TicketFields.LINKED, String.class, List.of()),
                d.getList(TicketFields.SIMILAR, String.class, List.of()), d.getString(TicketFields.REPORTED_BY),
                d.getString(TicketFields.CASE_ID), d.getString(TicketFields.AGENCY),
                instant(d, TicketFields.EXPECTED_AT), followUps);
    }

    /**
     * The complainant as {@link Pii} allows: nothing of a confidential complainant below the township or for
     * agencies; the full phone only for the roles that call back, otherwise the mask stored with the ticket
     * (the number is decrypted only for those roles).
     */
    private static @Nullable ComplainantView complainant(@Nullable Document c, boolean confidential, Caller caller,
                                                         PhoneProtector phones) {
        if (c == null || (confidential && !Pii.mayReadConfidentialComplainant(caller))) {
            return null;
        }
        String sealed = c.getString(TicketFields.PHONE_SEALED);
        String phone = sealed == null ? null
                : Pii.mayReadPhone(caller) ? phones.decrypt(sealed) : c.getString(TicketFields.PHONE_MASKED);
        String name = Pii.complainantName(caller, c.getString(TicketFields.NAME), confidential);
        return name == null && phone == null ? null : new ComplainantView(name, phone);
    }

    static @Nullable Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
