package cn.township.mediation.scheduling.calendar;

import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.mediation.scheduling.Session;
import cn.township.mediation.scheduling.SessionStatus;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Round-table sessions as RFC 5545 iCalendar, written by ical4j: one session, or a person's feed. */
public final class IcsCalendars {

    private static final String PRODID = "-//Township 12345//Mediation round-table//ZH";

    private IcsCalendars() {
    }

    /** @param roomName room id → display name */
    public static String session(Session session, Function<String, String> roomName, Instant stamp) {
        return write(calendar("圆桌会议 " + session.id(), List.of(event(session, roomName, stamp))));
    }

    public static String feed(String title, List<Session> sessions, Function<String, String> roomName, Instant stamp) {
        return write(calendar(title, sessions.stream().map(s -> event(s, roomName, stamp)).toList()));
    }

    private static Calendar calendar(String name, List<VEvent> events) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        events.forEach(calendar::add);
        return calendar;
    }

    private static VEvent event(Session s, Function<String, String> roomName, Instant stamp) {
        VEvent event = new VEvent(s.startsAt(), s.endsAt(), "圆桌会议 第" + s.round() + "轮 · " + s.fileId());
        event.add(new Uid(s.id() + "@mediation.township"));
        event.replace(new DtStamp(stamp));
        event.add(new Sequence(s.sequence()));
        event.add(new Location(roomName.apply(s.room())));
        event.add(new Status(switch (s.status()) {
            case SCHEDULED, HELD -> Status.VALUE_CONFIRMED;
            case CANCELLED -> Status.VALUE_CANCELLED;
        }));
        StringBuilder text = new StringBuilder("Mediation file ").append(s.fileId());
        if (s.caseId() != null) {
            text.append(", case ").append(s.caseId());
        }
        text.append(". Parties: ").append(String.join(", ", s.parties().stream().map(Party::name).toList()));
        if (!s.agencies().isEmpty()) {
            text.append(". Agencies invited: ").append(String.join(", ", s.agencies()));
        }
        if (s.status() == SessionStatus.CANCELLED && s.reason() != null) {
            text.append(". Cancelled: ").append(s.reason());
        }
        event.add(new Description(text.toString()));
        for (Participant p : s.participants()) {
            Attendee attendee = new Attendee(URI.create("urn:township:member:" + p.memberId()));
            attendee.add(new Cn(p.name()));
            attendee.add(Role.REQ_PARTICIPANT);
            event.add(attendee);
        }
        return event;
    }

    private static String write(Calendar calendar) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static final String MEDIA_TYPE = "text/calendar;charset=" + StandardCharsets.UTF_8.name();
}
