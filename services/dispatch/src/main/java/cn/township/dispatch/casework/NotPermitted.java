package cn.township.dispatch.casework;

import cn.township.dispatch.caserecord.CaseAction;

/** The caller may see the case but not do this to it. */
public final class NotPermitted extends RuntimeException {
    public NotPermitted(CaseAction action, String who) {
        super(who + " may not " + action + " this case");
    }
}
