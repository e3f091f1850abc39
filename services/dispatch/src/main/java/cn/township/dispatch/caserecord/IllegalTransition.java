package cn.township.dispatch.caserecord;

import java.util.Set;
import java.util.TreeSet;

/** An action the case's current state does not allow. */
public final class IllegalTransition extends RuntimeException {

    private final CaseState state;
    private final CaseAction action;

    public IllegalTransition(CaseState state, CaseAction action) {
        super(action + " is not allowed while the case is " + state + "; allowed: " + new TreeSet<>(state.allowed()));
        this.state = state;
        this.action = action;
    }

    public CaseState state() {
        return state;
    }

    public CaseAction action() {
        return action;
    }

    public Set<CaseAction> allowed() {
        return new TreeSet<>(state.allowed());
    }
}
