package cn.township.security.demo;

import cn.township.security.Caller;
import cn.township.security.Pii;
import cn.township.security.Roles;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
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

        @GetMapping("/complainant")
        Map<String, Object> complainant(Caller caller) {
            String phone = Pii.complainantPhone(caller, "13812341234", false);
            String hidden = Pii.complainantPhone(caller, "13812341234", true);
            return Map.of("phone", phone, "confidentialPhone", hidden == null ? "withheld" : hidden);
        }
    }
}
