package cn.township.intake.classification;

import java.util.List;

/**
 * A village of the township in the gazetteer: the names an address may use, its grids, and a centre and
 * radius for matching map points. {@code sample} marks entries not taken from the seed document.
 */
public record Village(String code, String name, List<String> aliases, boolean sample, double lat, double lng,
                      double radiusKm, List<String> grids) {

    public Village {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        grids = grids == null ? List.of() : List.copyOf(grids);
    }
}
