package cn.township.dispatch.persistence;

import cn.township.dispatch.caserecord.Case;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * A case as stored: the aggregate under {@value #CASE}, and beside it the fields the queries and the
 * scheduler select on (state, department, village, agencies, deadlines as BSON dates).
 */
final class CaseDocuments {

    static final String CASE = "case";
    static final String STATE = "state";
    static final String LEAD_DEPARTMENT = "leadDepartment";
    static final String VILLAGE = "village";
    static final String AGENCIES = "agencies";
    static final String TICKET_IDS = "ticketIds";
    static final String URGENCY = "urgency";
    static final String SOURCE = "source";
    static final String NEXT_TIMER_AT = "nextTimerAt";
    static final String RESOLUTION_DUE_AT = "resolutionDueAt";
    static final String OPENED_AT = "openedAt";
    static final String FIRST_CONTACT_DUE_AT = "firstContactDueAt";
    static final String CONTACTED = "contacted";
    static final String PRIORITY = "priority";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private CaseDocuments() {
    }

    @SuppressWarnings("unchecked")
    static Document toDocument(Case c) {
        Map<String, Object> body = MAPPER.convertValue(c, Map.class);
        return new Document("_id", c.id())
                .append(CASE, new Document(body))
                .append(STATE, c.state().name())
                .append(LEAD_DEPARTMENT, c.leadDepartment())
                .append(VILLAGE, c.village())
                .append(AGENCIES, c.summons().stream().map(s -> s.agency()).distinct().toList())
                .append(TICKET_IDS, c.ticketIds())
                .append(URGENCY, c.facts().urgency())
                .append(SOURCE, c.facts().source())
                .append(PRIORITY, c.priority())
                .append(NEXT_TIMER_AT, date(c.nextTimerAt()))
                .append(RESOLUTION_DUE_AT, date(c.deadlines().resolutionDueAt()))
                .append(FIRST_CONTACT_DUE_AT, date(c.deadlines().firstContactDueAt()))
                .append(CONTACTED, c.deadlines().contacted())
                .append(OPENED_AT, date(c.openedAt()));
    }

    static Case fromDocument(Document doc) {
        return MAPPER.convertValue(doc.get(CASE, Document.class), Case.class);
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
