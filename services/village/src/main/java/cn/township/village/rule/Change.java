package cn.township.village.rule;

import cn.township.contracts.village.VillageEvent;

import java.util.List;

/** An aggregate's new state and the events the change caused (stored together in one write). */
public record Change<T>(T state, List<VillageEvent> events) {

    public static <T> Change<T> of(T state, VillageEvent... events) {
        return new Change<>(state, List.of(events));
    }
}
