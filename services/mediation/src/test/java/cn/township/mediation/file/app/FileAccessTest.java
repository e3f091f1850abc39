package cn.township.mediation.file.app;

import cn.township.contracts.mediation.DisputeType;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.errors.NotFound;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.web.Caller;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileAccessTest {

    private static final MediationFile CONFIDENTIAL = MediationFile.open("mf-c1", "c1", "nancha", DisputeType.NEIGHBOUR,
            List.of(new Party(PartyRole.COMPLAINANT, "张三", "138****5678", "nancha-0001"),
                    new Party(PartyRole.RESPONDENT, "李四", null, "nancha-0002")),
            true, null, "dispatch", Instant.EPOCH).state();

    private static Caller caller(String user, String role, String village, String household) {
        return new Caller(user, Set.of(role), village, null, null, household);
    }

    @Test
    void aConfidentialComplainantIsHiddenBelowTheTownshipButNotFromHerself() {
        assertThat(FileAccess.partiesFor(caller("mediator", "mediator", null, null), CONFIDENTIAL).getFirst().name())
                .isEqualTo("张三");
        var cadre = FileAccess.partiesFor(caller("cadre-nancha", "village-cadre", "nancha", null), CONFIDENTIAL);
        assertThat(cadre.getFirst().name()).doesNotContain("张三");
        assertThat(cadre.getFirst().phoneMasked()).isNull();
        assertThat(cadre.get(1).name()).isEqualTo("李四");
        assertThat(FileAccess.partiesFor(caller("villager-nancha", "villager", "nancha", "nancha-0001"), CONFIDENTIAL)
                .getFirst().name()).isEqualTo("张三");
    }

    @Test
    void villagesAndHouseholdsSeeOnlyTheirOwnFiles() {
        assertThat(FileAccess.canRead(caller("elder-nancha-1", "elder", "nancha", null), CONFIDENTIAL)).isTrue();
        assertThat(FileAccess.canRead(caller("elder-beitumen-1", "elder", "beitumen", null), CONFIDENTIAL)).isFalse();
        assertThat(FileAccess.canRead(caller("villager-nancha", "villager", "nancha", "nancha-0002"), CONFIDENTIAL)).isTrue();
        assertThatThrownBy(() -> FileAccess.readable(caller("v", "villager", "nancha", "nancha-0999"), CONFIDENTIAL))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> FileAccess.readable(caller("d", "department", null, null), CONFIDENTIAL))
                .isInstanceOf(NotFound.class);
    }
}
