package cn.township.contracts;

/**
 * One published event: its CloudEvents type ({@code ce_type}), the record that carries it, the topic it
 * travels on and the JSON Schema that describes it.
 */
public record EventType<E extends DomainEvent>(String ceType, Class<E> payloadType, String topic) {

    public static <E extends DomainEvent> EventType<E> of(String ceType, Class<E> payloadType, String topic) {
        return new EventType<>(ceType, payloadType, topic);
    }

    /** Class-path location of the JSON Schema, e.g. {@code schemas/ticket.intake.TicketReceived.v1.json}. */
    public String schemaResource() {
        return "schemas/" + ceType + ".json";
    }
}
