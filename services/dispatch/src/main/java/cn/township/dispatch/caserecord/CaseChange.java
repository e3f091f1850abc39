package cn.township.dispatch.caserecord;

import cn.township.contracts.dispatch.DispatchEvent;

import java.util.List;

/** What a transition produced: the case after it and the events it caused. */
public record CaseChange(Case before, Case after, List<DispatchEvent> events) {

    public boolean changed() {
        return !before.equals(after);
    }
}
