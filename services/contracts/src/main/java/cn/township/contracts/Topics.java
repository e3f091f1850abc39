package cn.township.contracts;

/** Kafka topic names; one topic per producing service. */
public final class Topics {

    public static final String INTAKE_TICKETS = "intake.tickets.v1";
    public static final String DISPATCH_CASES = "dispatch.cases.v1";
    public static final String MEDIATION_SESSIONS = "mediation.sessions.v1";
    public static final String VILLAGE_AFFAIRS = "village.affairs.v1";

    private Topics() {
    }

    /** The dead-letter topic of a topic: poison records land there with the failure in headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }
}
