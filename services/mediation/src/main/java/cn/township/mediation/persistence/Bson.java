package cn.township.mediation.persistence;

import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.roster.TimeRange;
import cn.township.mediation.roster.WeeklyHours;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Mapping of the shared value types to and from BSON documents. */
public final class Bson {

    private Bson() {
    }

    public static @Nullable Date date(@Nullable Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static @Nullable Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    public static List<String> strings(Document d, String field) {
        List<String> list = d.getList(field, String.class);
        return list == null ? List.of() : list;
    }

    public static List<Document> docs(Document d, String field) {
        List<Document> list = d.getList(field, Document.class);
        return list == null ? List.of() : list;
    }

    public static Document hours(WeeklyHours hours) {
        Document d = new Document();
        hours.days().forEach((day, ranges) -> d.append(day.name(), ranges.stream().map(TimeRange::toString).toList()));
        return d;
    }

    public static WeeklyHours hours(Document d) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        d.forEach((day, ranges) -> {
            List<TimeRange> list = new ArrayList<>();
            for (Object r : (List<?>) ranges) {
                String[] parts = r.toString().split("-");
                list.add(TimeRange.of(parts[0], parts[1]));
            }
            days.put(DayOfWeek.valueOf(day), list);
        });
        return new WeeklyHours(days);
    }

    public static Document participant(Participant p) {
        return new Document("memberId", p.memberId()).append("name", p.name()).append("roles", p.roles())
                .append("household", p.household());
    }

    public static Participant participant(Document d) {
        return new Participant(d.getString("memberId"), d.getString("name"), strings(d, "roles"), d.getString("household"));
    }

    public static Document party(Party p) {
        return new Document("role", p.role().name()).append("name", p.name()).append("phoneMasked", p.phoneMasked())
                .append("household", p.household());
    }

    public static Party party(Document d) {
        return new Party(PartyRole.valueOf(d.getString("role")), d.getString("name"), d.getString("phoneMasked"),
                d.getString("household"));
    }
}
