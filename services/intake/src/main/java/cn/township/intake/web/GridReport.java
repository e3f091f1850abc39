package cn.township.intake.web;

import cn.township.contracts.intake.Location;
import cn.township.contracts.intake.TicketKind;
import cn.township.contracts.intake.TicketSource;
import cn.township.contracts.intake.Urgency;
import cn.township.intake.ticket.NewTicket;
import cn.township.security.Caller;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A grid worker's patrol report (未诉先办). {@code reportId} is chosen by the worker's app, so a resent
 * report finds its ticket; the place is a grid code, an address, a map point, or (failing all) the
 * worker's own grid.
 */
public record GridReport(@Nullable String reportId, @Nullable String category, @Nullable String description,
                         @Nullable String kind, @Nullable String urgency, @Nullable String address,
                         TicketPush.@Nullable Point location, @Nullable String grid,
                         @Nullable List<TicketPush.AttachmentBody> photos) {

    NewTicket toNewTicket(Caller caller, Instant now, java.util.function.Predicate<String> knownGrid) {
        Checks c = new Checks();
        String ref = c.reference("reportId", reportId);
        String cat = c.text("category", category, true, 64);
        String text = c.text("description", description, true, 4000);
        TicketKind k = c.oneOf("kind", kind, TicketKind.class, TicketKind.REPORT);
        Urgency u = c.oneOf("urgency", urgency, Urgency.class, Urgency.NORMAL);
        String addr = c.text("address", address, false, 500);
        Location loc = location == null ? null : c.location("location", location.lat(), location.lng());
        String g = grid != null ? grid.strip() : caller.grid();
        if (grid != null && !knownGrid.test(g)) {
            c.fail("grid", "grid '" + grid + "' is not in the gazetteer");
        }
        if (g == null && addr == null && location == null) {
            c.fail("location", "a report needs a grid, an address or a location");
        }
        var files = c.attachments("photos", photos);
        c.done();
        return new NewTicket(TicketSource.GRID, null, ref, now, null, k, cat, text, addr, loc, g, null, null,
                false, u, null, files, caller.username(), caller.village());
    }
}
