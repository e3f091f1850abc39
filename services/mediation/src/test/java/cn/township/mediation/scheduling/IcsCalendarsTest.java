package cn.township.mediation.scheduling;

import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.scheduling.calendar.IcsCalendars;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IcsCalendarsTest {

    private static final Instant START = Instant.parse("2026-12-08T02:00:00Z");

    static Session session(String id, Instant start) {
        return Session.schedule(id, "mf-c1", "c1", "nancha", 2, new Interval(start, start.plus(Duration.ofMinutes(90))),
                "nancha-committee", List.of(new Participant("adviser-zhang", "张建国 律师", List.of("LEGAL_ADVISER"), null),
                        new Participant("elder-nancha-1", "王德福 (三老)", List.of("ELDER"), "nancha-0012")),
                List.of(new Party(PartyRole.COMPLAINANT, "张三", null, null)), List.of("派出所"), "mediator",
                start.minus(Duration.ofDays(2))).state();
    }

    @Test
    void aSessionCalendarParsesBackWithItsTimesAttendeesAndRoom() throws Exception {
        String ics = IcsCalendars.session(session("s-1", START), id -> "南岔村村委会议室", START.minus(Duration.ofDays(1)));

        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        parsed.validate();
        List<VEvent> events = parsed.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent event = events.getFirst();
        assertThat(event.getUid().orElseThrow().getValue()).isEqualTo("s-1@mediation.township");
        DtStart<Temporal> start = event.getDateTimeStart();
        assertThat(Instant.from(start.getDate())).isEqualTo(START);
        assertThat(event.getLocation().getValue()).isEqualTo("南岔村村委会议室");
        assertThat(event.<Attendee>getProperties(Property.ATTENDEE)).extracting(Attendee::getValue)
                .containsExactly("urn:township:member:adviser-zhang", "urn:township:member:elder-nancha-1");
        assertThat(ics).contains("\r\n").startsWith("BEGIN:VCALENDAR");
    }

    @Test
    void aFeedHoldsEverySessionAndMarksCancelledOnes() throws Exception {
        Session cancelled = session("s-2", START.plus(Duration.ofDays(7))).cancel("moved to next month", START).state();
        String ics = IcsCalendars.feed("调解日程", List.of(session("s-1", START), cancelled), id -> id, START);

        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = parsed.getComponents("VEVENT");
        assertThat(events).hasSize(2);
        assertThat(events.get(1).getStatus().getValue()).isEqualTo("CANCELLED");
        assertThat(events.get(1).getSequence().getSequenceNo()).isEqualTo(1);
    }
}
