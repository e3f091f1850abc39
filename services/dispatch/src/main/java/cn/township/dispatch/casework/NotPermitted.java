package cn.township.dispatch.casework;

import cn.township.dispatch.caserecord.CaseAction;

/** The caller's role may not do this (to any case), or may see the case but not do this to it: 403. */
public final class NotPermitted extends RuntimeException {

    public NotPermitted(CaseAction action, String who) {
        super(who + " may not " + action + " this case");
    }

    public NotPermitted(String message) {
        super(message);
    }
}
