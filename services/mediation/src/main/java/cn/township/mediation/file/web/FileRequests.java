package cn.township.mediation.file.web;

import cn.township.contracts.mediation.DisputeType;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.file.StepKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** Request bodies of the files API. */
final class FileRequests {

    private FileRequests() {
    }

    record PartyInput(@NotNull PartyRole role, @NotBlank @Size(max = 100) String name,
                      @Nullable @Size(max = 30) String phone, @Nullable @Size(max = 60) String household) {
    }

    record OpenFile(@Nullable @Size(max = 80) String caseId, @NotBlank @Size(max = 60) String village,
                    @NotNull DisputeType disputeType, @NotEmpty @Size(max = 20) List<@Valid @NotNull PartyInput> parties,
                    @Nullable Boolean confidential, @Nullable @Size(max = 4000) String plan) {
    }

    record RecordStep(@NotNull StepKind kind, @NotEmpty @Size(max = 20) List<@NotBlank String> who,
                      @Nullable Instant at, @NotBlank @Size(max = 8000) String said) {
    }
}
