package cn.township.mediation.roster;

/** A room where a round-table session can sit, with the hours it is open. */
public record Room(String id, String name, String village, int seats, WeeklyHours hours) {
}
