package cn.township.village.deliberation;

import cn.township.security.AllowedRoles;
import cn.township.security.Roles;
import cn.township.village.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Village deliberation (村民议事 / 微议事). In a secret vote the ballots are never shown. */
@RestController
@RequestMapping("/api/village/deliberations")
class DeliberationController {

    private final DeliberationService service;

    DeliberationController(DeliberationService service) {
        this.service = service;
    }

    record Draft(@NotBlank @Size(max = 200) String title, @NotEmpty List<@NotBlank String> categories,
                 @Nullable @Size(max = 64) String area, @Nullable @Size(max = 2000) String description) {
    }

    record Proposal(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 5000) String proposal,
                    @Nullable @Size(max = 64) String grid, @Nullable Instant deadline,
                    @Nullable @Min(1) @Max(10000) Integer quorum, @Nullable Boolean secret, @Valid @Nullable Draft project) {
    }

    record CommentRequest(@NotBlank @Size(max = 2000) String text) {
    }

    record VoteRequest(@NotNull Deliberation.Choice choice) {
    }

    @PostMapping
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.VILLAGER})
    @ResponseStatus(HttpStatus.CREATED)
    Deliberation propose(Caller caller, @Valid @RequestBody Proposal body) {
        Draft p = body.project();
        return service.propose(caller, body.grid(), body.title(), body.proposal(), body.deadline(), body.quorum(),
                Boolean.TRUE.equals(body.secret()),
                p == null ? null : new Deliberation.ProjectDraft(p.title(), p.categories(), p.area(), p.description()));
    }

    @GetMapping
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    List<Deliberation> list(Caller caller, @RequestParam(required = false) Deliberation.@Nullable Status status) {
        return service.list(caller, status);
    }

    @GetMapping("/{id}")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    Deliberation get(Caller caller, @PathVariable String id) {
        return service.get(caller, id);
    }

    @PostMapping("/{id}/comments")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    Deliberation comment(Caller caller, @PathVariable String id, @Valid @RequestBody CommentRequest body) {
        return service.comment(caller, id, body.text());
    }

    @PostMapping("/{id}/votes")
    @AllowedRoles(Roles.VILLAGER)
    Deliberation vote(Caller caller, @PathVariable String id, @Valid @RequestBody VoteRequest body) {
        return service.vote(caller, id, body.choice());
    }
}
