package cn.township.contracts;

/**
 * An event on the wire. {@link #subject()} is the CloudEvents subject (the case or ticket id);
 * {@link #key()} is the Kafka key, so one case's events stay in order on one partition.
 */
public interface DomainEvent {

    String subject();

    default String key() {
        return subject();
    }
}
