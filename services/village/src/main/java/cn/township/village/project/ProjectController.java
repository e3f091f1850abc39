package cn.township.village.project;

import cn.township.security.AllowedRoles;
import cn.township.security.Roles;
import cn.township.village.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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

import java.util.List;

/** Livelihood projects (民生实事清单) with complaints before and after completion. */
@RestController
@RequestMapping("/api/village/projects")
class ProjectController {

    private final ProjectService service;

    ProjectController(ProjectService service) {
        this.service = service;
    }

    record NewProject(@NotBlank @Size(max = 200) String title, @Nullable @Size(max = 2000) String description,
                      @NotEmpty @Size(max = 20) List<@NotBlank String> categories, @Nullable @Size(max = 64) String area) {
    }

    @PostMapping
    @AllowedRoles(Roles.VILLAGE_CADRE)
    @ResponseStatus(HttpStatus.CREATED)
    Project create(Caller caller, @Valid @RequestBody NewProject body) {
        return service.create(caller, body.title(), body.description(), body.categories(), body.area());
    }

    @GetMapping
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    List<Project> list(Caller caller, @RequestParam(required = false) Project.@Nullable Status status) {
        return service.list(caller, status);
    }

    @GetMapping("/{id}")
    @AllowedRoles({Roles.VILLAGE_CADRE, Roles.ELDER, Roles.VILLAGER})
    ProjectService.ProjectView get(Caller caller, @PathVariable String id) {
        return service.get(caller, id);
    }

    @PostMapping("/{id}/start")
    @AllowedRoles(Roles.VILLAGE_CADRE)
    Project start(Caller caller, @PathVariable String id) {
        return service.start(caller, id);
    }

    @PostMapping("/{id}/complete")
    @AllowedRoles(Roles.VILLAGE_CADRE)
    Project complete(Caller caller, @PathVariable String id) {
        return service.complete(caller, id);
    }
}
