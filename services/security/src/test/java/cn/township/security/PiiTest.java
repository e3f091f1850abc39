package cn.township.security;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PiiTest {

    static Caller with(String... roles) {
        return new Caller("u", Set.of(roles), null, null, null, null, null);
    }

    @Test
    void masksMobileNumbers() {
        assertThat(Pii.maskPhone("13812341234")).isEqualTo("138****1234");
        assertThat(Pii.maskPhone("+86 138-1234-1234")).isEqualTo("138****1234");
        assertThat(Pii.maskPhone("010-61234567")).isEqualTo("010****4567");
        assertThat(Pii.maskPhone("69961234")).as("a local number shows no more than its last four").isEqualTo("****1234");
        assertThat(Pii.maskPhone("12345")).isEqualTo("****45");
        assertThat(Pii.maskPhone("")).isEqualTo("****");
        assertThat(Pii.maskPhone(null)).isNull();
    }

    @Test
    void confidentialComplainantNeverReachesVillageAgencyOrVillager() {
        for (String role : Set.of("village-cadre", "grid-worker", "elder", "villager", "agency", "mediator", "assessor")) {
            assertThat(Pii.mayReadConfidentialComplainant(with(role))).as(role).isFalse();
            assertThat(Pii.complainantName(with(role), "Zhang San", true)).as(role).isNull();
            assertThat(Pii.complainantPhone(with(role), "13812341234", true)).as(role).isNull();
        }
        for (String role : Set.of("hotline", "secretary", "dispatcher", "department")) {
            assertThat(Pii.mayReadConfidentialComplainant(with(role))).as(role).isTrue();
        }
        assertThat(Pii.mayReadConfidentialComplainant(with("department", "village-cadre"))).isFalse();
        assertThat(Pii.mayReadConfidentialComplainant(with("dispatcher", "agency"))).isFalse();
    }

    @Test
    void phoneMaskedForRolesThatDoNotCallBack() {
        assertThat(Pii.complainantPhone(with("agency"), "13812341234", false)).isEqualTo("138****1234");
        assertThat(Pii.complainantPhone(with("assessor"), "13812341234", false)).isEqualTo("138****1234");
        assertThat(Pii.complainantPhone(with("elder"), "13812341234", false)).isEqualTo("138****1234");
        assertThat(Pii.complainantPhone(with("department"), "13812341234", false)).isEqualTo("13812341234");
        assertThat(Pii.complainantName(with("elder"), "Zhang San", false)).isEqualTo("Zhang San");
    }

    @Test
    void callerLevelsAndRolesFromClaims() {
        Caller caller = Caller.fromClaims(Map.of("preferred_username", "cadre-nancha",
                "realm_access", Map.of("roles", java.util.List.of("village-cadre", "offline_access")),
                "village", "nancha"));
        assertThat(caller.roles()).containsExactly("village-cadre");
        assertThat(caller.isVillageLevel()).isTrue();
        assertThat(caller.isTownshipLevel()).isFalse();
        assertThat(with("department", "elder").isTownshipLevel()).isFalse();
        assertThat(with("assessor").isTownshipLevel()).isTrue();
        assertThat(with("mediator").isTownshipLevel()).isFalse();
    }
}
