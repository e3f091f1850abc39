package cn.township.intake.persistence;

/** Field names of a ticket document. */
public final class TicketFields {

    public static final String TICKET_NO = "ticketNo";
    public static final String SOURCE = "source";
    public static final String SOURCE_REF = "sourceRef";
    public static final String FINGERPRINT = "fingerprint";
    public static final String RECEIVED_AT = "receivedAt";
    public static final String ACCEPTED_AT = "acceptedAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String CHANNEL = "channel";
    public static final String KIND = "kind";
    public static final String CATEGORY = "category";
    public static final String LEAD_DEPARTMENT = "leadDepartment";
    public static final String DEADLINE_CLASS = "deadlineClass";
    public static final String CONTENT = "content";
    public static final String ADDRESS = "address";
    public static final String LOCATION = "location";
    public static final String VILLAGE = "village";
    public static final String GRID = "grid";
    public static final String MANUAL_ROUTING = "manualRouting";
    public static final String MATCHED_BY = "matchedBy";
    public static final String COMPLAINANT = "complainant";
    public static final String NAME = "name";
    public static final String PHONE_SEALED = "phoneSealed";
    public static final String PHONE_KEY = "phoneKey";
    public static final String PHONE_MASKED = "phoneMasked";
    public static final String CONFIDENTIAL = "confidential";
    public static final String URGENCY = "urgency";
    public static final String DUE_AT = "dueAt";
    public static final String ATTACHMENTS = "attachments";
    public static final String LINKED = "linkedTicketIds";
    public static final String SIMILAR = "similarTicketIds";
    public static final String REPORTED_BY = "reportedBy";
    public static final String STATUS = "status";
    public static final String CASE_ID = "caseId";
    public static final String AGENCY = "agencyResponsible";
    public static final String EXPECTED_AT = "expectedAt";
    public static final String FOLLOW_UPS = "followUps";
    public static final String MESSAGE_IDS = "messageIds";
    public static final String UPDATES = "updates";
    public static final String CLIENT = "client";

    private TicketFields() {
    }
}
