package cn.township.security;

import java.util.Set;

/** The realm roles of DESIGN.md §5 (Keycloak realm {@code township}). */
public final class Roles {

    public static final String HOTLINE = "hotline";
    public static final String SECRETARY = "secretary";
    public static final String DISPATCHER = "dispatcher";
    public static final String DEPARTMENT = "department";
    public static final String AGENCY = "agency";
    public static final String VILLAGE_CADRE = "village-cadre";
    public static final String GRID_WORKER = "grid-worker";
    public static final String MEDIATOR = "mediator";
    public static final String ELDER = "elder";
    public static final String VILLAGER = "villager";
    public static final String ASSESSOR = "assessor";

    public static final Set<String> ALL = Set.of(HOTLINE, SECRETARY, DISPATCHER, DEPARTMENT, AGENCY, VILLAGE_CADRE,
            GRID_WORKER, MEDIATOR, ELDER, VILLAGER, ASSESSOR);
    public static final Set<String> TOWNSHIP_LEVEL = Set.of(SECRETARY, DISPATCHER, DEPARTMENT, ASSESSOR);
    public static final Set<String> VILLAGE_LEVEL = Set.of(VILLAGE_CADRE, GRID_WORKER, ELDER, VILLAGER);

    private Roles() {
    }
}
