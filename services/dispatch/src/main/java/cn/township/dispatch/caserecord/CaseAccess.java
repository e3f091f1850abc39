package cn.township.dispatch.caserecord;

import java.util.Objects;

/**
 * Who may see and do what on a case (DESIGN.md §5): the township (secretary, dispatcher) and assessors see
 * every case; a department only the cases it leads; an agency the cases it was summoned to; a village cadre
 * the cases of its village.
 */
public final class CaseAccess {

    public static final String SECRETARY = "secretary";
    public static final String DISPATCHER = "dispatcher";
    public static final String DEPARTMENT = "department";
    public static final String AGENCY = "agency";
    public static final String VILLAGE_CADRE = "village-cadre";
    public static final String ASSESSOR = "assessor";

    private CaseAccess() {
    }

    public static boolean township(Officer o) {
        return o.has(SECRETARY) || o.has(DISPATCHER);
    }

    public static boolean canView(Case c, Officer o) {
        return township(o) || o.has(ASSESSOR) || leads(c, o) || summoned(c, o)
                || (o.has(VILLAGE_CADRE) && o.village() != null && o.village().equals(c.village()));
    }

    public static boolean canDo(Case c, Officer o, CaseAction action) {
        return switch (action) {
            case SIGN_OFF -> o.has(SECRETARY);
            case ACCEPT, RETURN -> leads(c, o);
            case CONTACT -> leads(c, o) || coHandles(c, o);
            case NOTE -> leads(c, o) || coHandles(c, o) || township(o)
                    || (o.has(VILLAGE_CADRE) && Objects.equals(o.village(), c.village()));
            case WHISTLE, HAND_DOWN -> leads(c, o) || township(o);
            case RESOLVE -> leads(c, o) || township(o);
            case REPORT_IN -> summoned(c, o);
            case ESCALATE_UP -> township(o);
            case RATE, URGE, WITHDRAW, MERGE -> false;
        };
    }

    /** Whether a caller's role could ever do the action, whatever the case (for 403 before 404). */
    public static boolean leads(Case c, Officer o) {
        return o.has(DEPARTMENT) && o.department() != null && o.department().equals(c.leadDepartment());
    }

    static boolean summoned(Case c, Officer o) {
        return o.has(AGENCY) && o.agency() != null
                && c.summons().stream().anyMatch(s -> s.agency().equals(o.agency()));
    }

    static boolean coHandles(Case c, Officer o) {
        return o.has(AGENCY) && o.agency() != null && c.coHandlers().contains(o.agency());
    }
}
