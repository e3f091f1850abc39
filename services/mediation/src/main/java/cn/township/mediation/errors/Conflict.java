package cn.township.mediation.errors;

import java.util.List;

/** The request collides with the current state (a double booking, a concluded file): answered 409. */
public class Conflict extends RuntimeException {

    private final List<String> clashes;

    public Conflict(String message) {
        this(message, List.of());
    }

    public Conflict(String message, List<String> clashes) {
        super(message);
        this.clashes = List.copyOf(clashes);
    }

    /** Who or what clashes, e.g. {@code member:m-elder-nancha-1}. */
    public List<String> clashes() {
        return clashes;
    }
}
