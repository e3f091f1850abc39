package cn.township.village.points;

/**
 * One line of the civility-points rules catalogue (data, from configuration): an award or a deduction with
 * its points; {@code automatic} rules are applied from events, the others by a village cadre.
 */
public record PointRule(String code, EntryKind kind, int points, String description, boolean automatic) {
}
