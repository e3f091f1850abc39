package cn.township.village.council;

import cn.township.contracts.village.ElderOpinion;
import cn.township.security.AllowedRoles;
import cn.township.security.Roles;
import cn.township.village.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The elders' council (三老合议) on handed-down cases. */
@RestController
@RequestMapping("/api/village/councils")
class CouncilController {

    private final CouncilService service;

    CouncilController(CouncilService service) {
        this.service = service;
    }

    record OpinionRequest(@NotNull ElderOpinion opinion, @NotBlank @Size(max = 2000) String comment) {
    }

    @GetMapping
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER})
    List<ElderCouncil> list(Caller caller, @RequestParam(required = false) ElderCouncil.@Nullable Status status) {
        return service.list(caller, status);
    }

    @GetMapping("/{id}")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER})
    ElderCouncil get(Caller caller, @PathVariable String id) {
        return service.get(caller, id);
    }

    @PostMapping("/{id}/opinions")
    @AllowedRoles(Roles.ELDER)
    ElderCouncil give(Caller caller, @PathVariable String id, @Valid @RequestBody OpinionRequest body) {
        return service.give(caller, id, body.opinion(), body.comment());
    }
}
