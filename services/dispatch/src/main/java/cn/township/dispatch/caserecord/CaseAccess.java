package cn.township.dispatch.caserecord;

import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.Set;

/**
 * Who may see and do what on a case (DESIGN.md §5).
 *
 * <ul>
 *   <li>The township (secretary, dispatcher) and assessors see every case; assessors only read.</li>
 *   <li>A department sees the cases it leads, and the cases it was summoned to (吹哨) — after reporting in
 *       (报到) it co-handles them beside the lead.</li>
 *   <li>An agency sees the cases it was summoned to, and co-handles them once it reported in.</li>
 *   <li>A village cadre sees the cases its village carries out.</li>
 *   <li>Every other role (hotline, grid worker, mediator, elder, villager) sees no case.</li>
 * </ul>
 *
 * Two levels of refusal: a role that could never do something ({@link #mayRead}, {@link #mayEver}) is refused
 * whatever the case (403); a caller whose role could, but whose unit is not on this case, is told the case
 * does not exist (404), so a case's existence does not leak across departments, agencies and villages.
 */
public final class CaseAccess {

    public static final String SECRETARY = "secretary";
    public static final String DISPATCHER = "dispatcher";
    public static final String DEPARTMENT = "department";
    public static final String AGENCY = "agency";
    public static final String VILLAGE_CADRE = "village-cadre";
    public static final String ASSESSOR = "assessor";

    /** The roles that read cases at all (each within its scope). */
    public static final Set<String> READERS = Set.of(SECRETARY, DISPATCHER, ASSESSOR, DEPARTMENT, AGENCY,
            VILLAGE_CADRE);

    private CaseAccess() {
    }

    public static boolean township(Officer o) {
        return o.has(SECRETARY) || o.has(DISPATCHER);
    }

    /** Sees every case: the township and assessors. */
    public static boolean seesAll(Officer o) {
        return township(o) || o.has(ASSESSOR);
    }

    /** Whether the caller's role reads cases at all (in its scope). */
    public static boolean mayRead(Officer o) {
        return READERS.stream().anyMatch(o::has);
    }

    public static boolean canView(Case c, Officer o) {
        return seesAll(o) || leads(c, o) || summoned(c, o)
                || (o.has(VILLAGE_CADRE) && o.village() != null && o.village().equals(c.village()));
    }

    /** Whether a caller's role could ever do the action, whatever the case (refused with 403 otherwise). */
    public static boolean mayEver(Officer o, CaseAction action) {
        return switch (action) {
            case SIGN_OFF -> o.has(SECRETARY);
            case ACCEPT, RETURN -> o.has(DEPARTMENT);
            case CONTACT, REPORT_IN -> o.has(DEPARTMENT) || o.has(AGENCY);
            case NOTE -> township(o) || o.has(DEPARTMENT) || o.has(AGENCY) || o.has(VILLAGE_CADRE);
            case WHISTLE, HAND_DOWN, RESOLVE -> township(o) || o.has(DEPARTMENT);
            case ESCALATE_UP -> township(o);
            case RATE, URGE, WITHDRAW, MERGE -> false;
        };
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

    public static boolean leads(Case c, Officer o) {
        return o.has(DEPARTMENT) && o.department() != null && o.department().equals(c.leadDepartment());
    }

    /**
     * The unit a caller is summoned and reports in as: its agency, or its department (a department can be
     * summoned beside the lead); null for other roles.
     */
    public static @Nullable String summonableUnit(Officer o) {
        if (o.has(AGENCY) && o.agency() != null) {
            return o.agency();
        }
        return o.has(DEPARTMENT) ? o.department() : null;
    }

    static boolean summoned(Case c, Officer o) {
        String unit = summonableUnit(o);
        return unit != null && c.summons().stream().anyMatch(s -> s.agency().equals(unit));
    }

    static boolean coHandles(Case c, Officer o) {
        String unit = summonableUnit(o);
        return unit != null && c.coHandlers().contains(unit);
    }
}
