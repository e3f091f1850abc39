package cn.township.dispatch.web;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** Request bodies of the case commands. Rules about their fields live in the aggregate. */
final class Commands {

    private Commands() {
    }

    record SignOff(@Nullable String leadDepartment, @Nullable String responsibleVillage,
                   @Nullable String supervisingLeader) {
    }

    record BulkSignOff(@Nullable List<Item> items) {
        record Item(String caseId, @Nullable Long version, @Nullable String leadDepartment,
                    @Nullable String responsibleVillage, @Nullable String supervisingLeader) {
        }
    }

    record Reason(@Nullable String reason) {
    }

    record Note(@Nullable String note) {
    }

    record Whistle(@Nullable List<String> agencies, @Nullable String reason, @Nullable Instant reportInDueAt) {
    }

    record HandDown(@Nullable String reason, @Nullable List<String> plan) {
    }

    record Resolve(@Nullable String resolution, @Nullable Boolean converted) {
    }
}
