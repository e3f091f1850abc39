package cn.township.village.review;

import cn.township.security.AllowedRoles;
import cn.township.security.Roles;
import cn.township.village.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Villagers' review (下交群评) of handed-down cases and the register of representatives. */
@RestController
@RequestMapping("/api/village")
class ReviewController {

    private final ReviewService service;

    ReviewController(ReviewService service) {
        this.service = service;
    }

    record ResponseRequest(@NotNull @Min(1) @Max(5) Integer rating, @NotBlank @Size(max = 2000) String comment) {
    }

    record Register(@NotNull @Size(max = 200) List<@NotBlank String> villagers) {
    }

    @GetMapping("/reviews")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    List<VillagerReview> list(Caller caller, @RequestParam(required = false) VillagerReview.@Nullable Status status) {
        return service.list(caller, status);
    }

    @GetMapping("/reviews/{id}")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    VillagerReview get(Caller caller, @PathVariable String id) {
        return service.get(caller, id);
    }

    @PostMapping("/reviews/{id}/responses")
    @AllowedRoles(Roles.VILLAGER)
    VillagerReview respond(Caller caller, @PathVariable String id, @Valid @RequestBody ResponseRequest body) {
        return service.respond(caller, id, body.rating(), body.comment());
    }

    @PutMapping("/representatives")
    @AllowedRoles(Roles.VILLAGE_CADRE)
    Map<String, List<String>> setRepresentatives(Caller caller, @Valid @RequestBody Register body) {
        return Map.of("villagers", service.setRepresentatives(caller, body.villagers()));
    }

    @GetMapping("/representatives")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    Map<String, List<String>> representatives(Caller caller) {
        return Map.of("villagers", service.representatives(caller.villageAs(Caller.CADRE, Caller.ELDER,
                Caller.VILLAGER)));
    }
}
