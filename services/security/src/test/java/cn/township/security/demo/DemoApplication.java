package cn.township.security.demo;

import cn.township.security.AllowedRoles;
import cn.township.security.Caller;
import cn.township.security.Pii;
import cn.township.security.Roles;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** A tiny service using the library the way the real services do. */
@SpringBootApplication
public class DemoApplication {

    @RestController
    static class DemoController {

        @GetMapping("/whoami")
        Caller whoami(Caller caller) {
            return caller;
        }

        @GetMapping("/cases")
        Map<String, Object> cases(Caller caller) {
            caller.requireAnyRole(Roles.DISPATCHER, Roles.SECRETARY);
            return Map.of("township", caller.isTownshipLevel());
        }

        @GetMapping("/sign-off")
        @PreAuthorize("hasRole('secretary')")
        Map<String, String> signOff(Caller caller) {
            return Map.of("signedBy", caller.username());
        }

        /** Gated by role before the body is read: a wrong role gets 403 even for a body that would not parse. */
        @PostMapping("/api/demo/notes")
        @AllowedRoles({Roles.DISPATCHER, Roles.SECRETARY})
        Map<String, String> note(@RequestBody Map<String, String> body, Caller caller) {
            return Map.of("by", caller.username(), "note", body.getOrDefault("note", ""));
        }

        /** Under /api/ without {@link AllowedRoles}: closed to everyone. */
        @GetMapping("/api/demo/forgotten")
        Map<String, String> forgotten() {
            return Map.of("open", "yes");
        }

        @GetMapping("/complainant")
        Map<String, Object> complainant(Caller caller) {
            String phone = Pii.complainantPhone(caller, "13812341234", false);
            String hidden = Pii.complainantPhone(caller, "13812341234", true);
            return Map.of("phone", phone, "confidentialPhone", hidden == null ? "withheld" : hidden);
        }
    }
}
