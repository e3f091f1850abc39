package cn.township.intake.web;

import cn.township.contracts.intake.TicketSource;
import cn.township.intake.persistence.TicketFields;
import cn.township.security.Caller;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static cn.township.security.Roles.ASSESSOR;
import static cn.township.security.Roles.DEPARTMENT;
import static cn.township.security.Roles.DISPATCHER;
import static cn.township.security.Roles.GRID_WORKER;
import static cn.township.security.Roles.HOTLINE;
import static cn.township.security.Roles.SECRETARY;
import static cn.township.security.Roles.VILLAGE_CADRE;

/**
 * Which tickets a caller may read (DESIGN.md §5). Secretary, dispatcher and assessor: all. The city (hotline):
 * the 12345 tickets. A department: tickets it leads (the catalogue's lead department, replaced by the one
 * the case was signed off to). A village cadre or grid worker: their village's tickets (a grid worker also
 * their own reports, wherever they were placed). Agencies, mediators, elders and villagers read no tickets
 * here (403): agencies see what they were summoned to in dispatch, which intake does not know.
 */
final class TicketScope {

    /** The roles that read tickets at all, each within its scope. */
    static final String[] READERS = {SECRETARY, DISPATCHER, ASSESSOR, HOTLINE, DEPARTMENT, VILLAGE_CADRE, GRID_WORKER};

    private TicketScope() {
    }

    static boolean canSee(Caller caller, Document ticket) {
        if (seesAll(caller)) {
            return true;
        }
        if (caller.hasRole(HOTLINE) && TicketSource.HOTLINE_12345.name().equals(ticket.getString(TicketFields.SOURCE))) {
            return true;
        }
        if (caller.hasRole(DEPARTMENT) && caller.department() != null
                && caller.department().equals(ticket.getString(TicketFields.LEAD_DEPARTMENT))) {
            return true;
        }
        if (villageScoped(caller) && caller.village() != null
                && caller.village().equals(ticket.getString(TicketFields.VILLAGE))) {
            return true;
        }
        return caller.hasRole(GRID_WORKER) && Objects.equals(caller.username(), ticket.getString(TicketFields.REPORTED_BY));
    }

    /**
     * The same rule as a query filter. 403 for a role that reads no tickets, and for a village-level caller
     * asking for another village's tickets by name.
     */
    static Bson filter(Caller caller, @Nullable String villageAskedFor) {
        caller.requireAnyRole(READERS);
        if (seesAll(caller)) {
            return new Document();
        }
        if (villageAskedFor != null && !villageAskedFor.isBlank() && !caller.hasAnyRole(HOTLINE, DEPARTMENT)) {
            caller.requireVillage(villageAskedFor);
        }
        List<Bson> any = new ArrayList<>();
        if (caller.hasRole(HOTLINE)) {
            any.add(Filters.eq(TicketFields.SOURCE, TicketSource.HOTLINE_12345.name()));
        }
        if (caller.hasRole(DEPARTMENT)) {
            any.add(Filters.eq(TicketFields.LEAD_DEPARTMENT, Objects.requireNonNullElse(caller.department(), "")));
        }
        if (villageScoped(caller)) {
            any.add(Filters.eq(TicketFields.VILLAGE, Objects.requireNonNullElse(caller.village(), "")));
        }
        if (caller.hasRole(GRID_WORKER)) {
            any.add(Filters.eq(TicketFields.REPORTED_BY, caller.username()));
        }
        return any.size() == 1 ? any.getFirst() : Filters.or(any);
    }

    private static boolean seesAll(Caller caller) {
        return caller.hasAnyRole(SECRETARY, DISPATCHER, ASSESSOR);
    }

    private static boolean villageScoped(Caller caller) {
        return caller.hasAnyRole(VILLAGE_CADRE, GRID_WORKER);
    }
}
