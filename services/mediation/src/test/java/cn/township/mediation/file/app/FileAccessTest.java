package cn.township.mediation.file.app;

import cn.township.contracts.mediation.DisputeType;
import cn.township.contracts.mediation.MediationOpened;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.errors.NotFound;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.Withholding;
import cn.township.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileAccessTest {

    private static final List<Party> PARTIES = List.of(new Party(PartyRole.COMPLAINANT, "张三", "138****5678", "nancha-0001"),
            new Party(PartyRole.RESPONDENT, "李四", null, "nancha-0002"));
    private static final MediationFile CONFIDENTIAL = MediationFile.open("mf-c1", "c1", "nancha", DisputeType.NEIGHBOUR,
            PARTIES, true, "talk to 张三 first", "mediator", Instant.EPOCH).state();
    private static final MediationFile ORDINARY = MediationFile.open("mf-c2", "c2", "nancha", DisputeType.NEIGHBOUR,
            PARTIES, false, null, "mediator", Instant.EPOCH).state();

    private static Caller caller(String user, String role, String village, String household) {
        return new Caller(user, Set.of(role), village, null, null, null, household);
    }

    @Test
    void aConfidentialComplainantIsWithheldFromAllButSecretaryAndDispatcher() {
        assertThat(FileAccess.withholdingFor(caller("secretary", "secretary", null, null), CONFIDENTIAL).names()).isEmpty();
        assertThat(FileAccess.withholdingFor(caller("dispatcher", "dispatcher", null, null), CONFIDENTIAL).names()).isEmpty();
        for (Caller c : List.of(caller("cadre-nancha", "village-cadre", "nancha", null),
                caller("elder-nancha-1", "elder", "nancha", null), caller("villager-nancha", "villager", "nancha", "nancha-0001"),
                caller("mediator", "mediator", null, null), caller("assessor", "assessor", null, null))) {
            Withholding w = FileAccess.withholdingFor(c, CONFIDENTIAL);
            assertThat(w.names()).as(c.username()).containsExactly("张三");
            Party shown = w.party(PARTIES.getFirst(), false);
            assertThat(shown.name()).isEqualTo(Withholding.WITHHELD);
            assertThat(shown.phoneMasked()).isNull();
            assertThat(shown.household()).isNull();
            assertThat(w.party(PARTIES.get(1), false)).isEqualTo(PARTIES.get(1));
            assertThat(w.text(CONFIDENTIAL.plan())).isEqualTo("talk to " + Withholding.WITHHELD + " first");
        }
        assertThat(FileAccess.withholdingFor(caller("cadre-nancha", "village-cadre", "nancha", null), ORDINARY).names())
                .isEmpty();
    }

    @Test
    void villagesAndHouseholdsSeeOnlyTheirOwnFiles() {
        assertThat(FileAccess.canRead(caller("elder-nancha-1", "elder", "nancha", null), CONFIDENTIAL)).isTrue();
        assertThat(FileAccess.canRead(caller("cadre-nancha", "village-cadre", "nancha", null), CONFIDENTIAL)).isTrue();
        assertThat(FileAccess.canRead(caller("elder-beitumen-1", "elder", "beitumen", null), CONFIDENTIAL)).isFalse();
        assertThat(FileAccess.canRead(caller("villager-nancha", "villager", "nancha", "nancha-0002"), CONFIDENTIAL)).isTrue();
        assertThat(FileAccess.canRead(caller("grid-nancha", "grid-worker", "nancha", null), CONFIDENTIAL)).isFalse();
        assertThatThrownBy(() -> FileAccess.readable(caller("v", "villager", "nancha", "nancha-0999"), CONFIDENTIAL))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> FileAccess.readable(caller("agency-police", "agency", null, null), CONFIDENTIAL))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void eventsCarryAConfidentialComplainantWithoutNameOrPhoneButWithTheHousehold() {
        var opened = MediationFile.open("mf-c3", "c3", "nancha", DisputeType.NEIGHBOUR, PARTIES, true, null, "mediator",
                Instant.EPOCH);
        var event = (MediationOpened) opened.events().getFirst();
        assertThat(event.parties().getFirst()).isEqualTo(new Party(PartyRole.COMPLAINANT, Withholding.WITHHELD, null,
                "nancha-0001"));
        assertThat(event.parties().get(1)).isEqualTo(PARTIES.get(1));
    }
}
