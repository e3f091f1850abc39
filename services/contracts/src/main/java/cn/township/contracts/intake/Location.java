package cn.township.contracts.intake;

/** A point on the map (WGS-84). */
public record Location(
        double lat,
        double lng) {
}
