package cn.township.mediation;

import cn.township.contracts.mediation.MediationEvent;

import java.util.List;

/** A decision of an aggregate: its new state and the events it caused (nothing happened when empty). */
public record Change<T>(T state, List<MediationEvent> events) {

    public Change {
        events = List.copyOf(events);
    }

    public boolean changed() {
        return !events.isEmpty();
    }
}
