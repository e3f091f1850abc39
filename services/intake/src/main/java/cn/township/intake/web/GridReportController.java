package cn.township.intake.web;

import cn.township.intake.classification.Gazetteer;
import cn.township.intake.receiving.TicketIntake;
import cn.township.security.AllowedRoles;
import cn.township.security.Caller;
import cn.township.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** Grid workers' patrol reports (未诉先办): tickets with source GRID. */
@RestController
@Tag(name = "grid reports", description = "未诉先办: problems found on patrol (role grid-worker)")
class GridReportController {

    private final TicketIntake intake;
    private final Gazetteer gazetteer;
    private final Clock clock;

    GridReportController(TicketIntake intake, Gazetteer gazetteer, Clock clock) {
        this.intake = intake;
        this.gazetteer = gazetteer;
        this.clock = clock;
    }

    @Operation(summary = "Report a problem found on patrol",
            description = "Idempotent by reportId per grid worker: 201 new, 200 the same report again, 409 other content; "
                    + "403 for a grid of another village than the worker's")
    @PostMapping(path = "/api/intake/v1/grid-reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @AllowedRoles(Roles.GRID_WORKER)
    ResponseEntity<TicketController.Receipt> report(Caller caller, @RequestBody GridReport body) {
        if (body.grid() != null) {
            gazetteer.villageOfGrid(body.grid().strip()).ifPresent(caller::requireVillage);
        }
        return TicketController.receipt(intake.accept(body.toNewTicket(caller, clock.instant(), gazetteer::knowsGrid)));
    }
}
