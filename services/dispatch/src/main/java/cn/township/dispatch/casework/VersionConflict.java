package cn.township.dispatch.casework;

/** Someone changed the case first (optimistic concurrency); nothing was written. */
public final class VersionConflict extends RuntimeException {

    private final long current;

    public VersionConflict(String id, long expected, long current) {
        super("case " + id + " was changed by someone else: you acted on version " + expected + ", it is now "
                + current + "; reload and try again");
        this.current = current;
    }

    public long current() {
        return current;
    }
}
