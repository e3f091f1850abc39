package cn.township.intake.web;

import cn.township.contracts.intake.TicketSource;
import cn.township.intake.persistence.TicketFields;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Objects;

/**
 * Which tickets a caller may see (DESIGN.md §5): the township (secretary, dispatcher) and the assessor see
 * all; the city sees what it pushed; a department what it leads; a village cadre or grid worker their
 * village (a grid worker also their own reports). Anyone else sees nothing.
 */
final class TicketScope {

    private TicketScope() {
    }

    static boolean canSee(Caller caller, Document ticket) {
        if (caller.township() || caller.has(Caller.ASSESSOR)) {
            return true;
        }
        if (caller.has(Caller.HOTLINE) && TicketSource.HOTLINE_12345.name().equals(ticket.getString(TicketFields.SOURCE))) {
            return true;
        }
        if (caller.has(Caller.DEPARTMENT) && caller.department() != null
                && caller.department().equals(ticket.getString(TicketFields.LEAD_DEPARTMENT))) {
            return true;
        }
        if ((caller.has(Caller.VILLAGE_CADRE) || caller.has(Caller.GRID_WORKER)) && caller.village() != null
                && caller.village().equals(ticket.getString(TicketFields.VILLAGE))) {
            return true;
        }
        return caller.has(Caller.GRID_WORKER) && Objects.equals(caller.user(), ticket.getString(TicketFields.REPORTED_BY));
    }

    /** The same rule as a query filter; null when the caller may list nothing. */
    static Bson filter(Caller caller) {
        if (caller.township() || caller.has(Caller.ASSESSOR)) {
            return new Document();
        }
        java.util.List<Bson> any = new java.util.ArrayList<>();
        if (caller.has(Caller.HOTLINE)) {
            any.add(Filters.eq(TicketFields.SOURCE, TicketSource.HOTLINE_12345.name()));
        }
        if (caller.has(Caller.DEPARTMENT) && caller.department() != null) {
            any.add(Filters.eq(TicketFields.LEAD_DEPARTMENT, caller.department()));
        }
        if ((caller.has(Caller.VILLAGE_CADRE) || caller.has(Caller.GRID_WORKER)) && caller.village() != null) {
            any.add(Filters.eq(TicketFields.VILLAGE, caller.village()));
        }
        if (caller.has(Caller.GRID_WORKER)) {
            any.add(Filters.eq(TicketFields.REPORTED_BY, caller.user()));
        }
        if (any.isEmpty()) {
            throw new Caller.Forbidden("no role that may list tickets");
        }
        return any.size() == 1 ? any.getFirst() : Filters.or(any);
    }

    /** Who may read a complainant's phone in clear: the city that sent it and the township's dispatchers. */
    static boolean mayReadPhone(Caller caller) {
        return caller.township() || caller.has(Caller.HOTLINE);
    }

    /** Below the township (villages, grid workers, ...) a confidential ticket's complainant is never shown. */
    static boolean maySeeConfidentialComplainant(Caller caller) {
        return caller.township() || caller.has(Caller.HOTLINE) || caller.has(Caller.DEPARTMENT)
                || caller.has(Caller.ASSESSOR);
    }
}
