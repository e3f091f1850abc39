package cn.township.intake.classification;

import org.jspecify.annotations.Nullable;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps grids, address text and map points to the township's villages. Order of trust: a grid code, then
 * a village name in the address (the longest name wins, so 北土门村 beats 土门), then the nearest village
 * centre within its radius. No match means manual routing, never a dropped ticket.
 */
public final class Gazetteer {

    private final List<Village> villages;
    private final Map<String, Village> byGrid = new HashMap<>();
    private final Map<String, Village> byCode = new HashMap<>();
    private final List<Map.Entry<String, Village>> names;

    public Gazetteer(List<Village> villages) {
        this.villages = List.copyOf(villages);
        for (Village v : villages) {
            if (byCode.put(v.code(), v) != null) {
                throw new IllegalArgumentException("gazetteer lists village " + v.code() + " twice");
            }
            for (String grid : v.grids()) {
                if (byGrid.put(grid, v) != null) {
                    throw new IllegalArgumentException("grid " + grid + " belongs to two villages");
                }
            }
        }
        names = villages.stream()
                .flatMap(v -> java.util.stream.Stream.concat(java.util.stream.Stream.of(v.name()), v.aliases().stream())
                        .map(n -> Map.entry(n, v)))
                .sorted(Comparator.comparingInt((Map.Entry<String, Village> e) -> e.getKey().length()).reversed())
                .toList();
    }

    public List<Village> villages() {
        return villages;
    }

    public Optional<Village> village(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean knowsGrid(String grid) {
        return byGrid.containsKey(grid);
    }

    /** The code of the village a grid belongs to. */
    public Optional<String> villageOfGrid(String grid) {
        return Optional.ofNullable(byGrid.get(grid)).map(Village::code);
    }

    public Placement place(@Nullable String grid, @Nullable String address, @Nullable Double lat, @Nullable Double lng) {
        if (grid != null && byGrid.containsKey(grid)) {
            return new Placement(byGrid.get(grid).code(), grid, false, "grid");
        }
        if (address != null) {
            for (var entry : names) {
                if (address.contains(entry.getKey())) {
                    return new Placement(entry.getValue().code(), grid, false, "address");
                }
            }
        }
        if (lat != null && lng != null) {
            Village nearest = null;
            double best = Double.MAX_VALUE;
            for (Village v : villages) {
                double d = distanceKm(lat, lng, v.lat(), v.lng());
                if (d <= v.radiusKm() && d < best) {
                    best = d;
                    nearest = v;
                }
            }
            if (nearest != null) {
                return new Placement(nearest.code(), grid, false, "location");
            }
        }
        return Placement.manual();
    }

    static double distanceKm(double lat1, double lng1, double lat2, double lng2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
