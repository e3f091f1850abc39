package cn.township.mediation.scheduling.web;

import cn.township.contracts.mediation.SessionOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** Request bodies of the sessions API. */
final class SessionRequests {

    private SessionRequests() {
    }

    record FindSlots(@NotBlank String fileId, @NotEmpty @Size(max = 30) List<@NotBlank String> memberIds,
                     @Nullable Integer durationMinutes, @Nullable Instant from, @Nullable Integer horizonDays,
                     @Nullable @Size(max = 20) List<@NotBlank String> rooms, @Nullable Integer options) {
    }

    record Book(@NotBlank String fileId, @NotNull Instant startsAt, @NotNull Instant endsAt, @NotBlank String room,
                @NotEmpty @Size(max = 30) List<@NotBlank String> memberIds,
                @Nullable @Size(max = 10) List<@NotBlank String> agencies) {
    }

    record Reschedule(@NotNull Instant startsAt, @NotNull Instant endsAt, @Nullable String room,
                      @NotBlank @Size(max = 1000) String reason) {
    }

    record Cancel(@NotBlank @Size(max = 1000) String reason) {
    }

    record AcknowledgementInput(@NotBlank String party, @NotBlank @Size(max = 60) String method, @Nullable Instant at) {
    }

    record AgreementInput(@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 2000) String> terms,
                          @NotEmpty List<@Valid @NotNull AcknowledgementInput> acknowledgements) {
    }

    record RecordOutcome(@NotNull SessionOutcome outcome, @NotNull List<@NotBlank String> attendees,
                         @Nullable List<@NotBlank String> partiesPresent, @NotBlank @Size(max = 20000) String minutes,
                         @Nullable @Valid AgreementInput agreement) {
    }
}
