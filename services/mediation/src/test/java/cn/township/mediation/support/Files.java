package cn.township.mediation.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Test data: mediation files and bookings through the API. */
public final class Files {

    private Files() {
    }

    /** Opens a file (as the mediator) and returns its id. */
    public static String open(Api mediator, String village, String disputeType) {
        String caseId = "c-" + UUID.randomUUID();
        var r = mediator.post("/api/mediation/files", """
                {"caseId":"%s","village":"%s","disputeType":"%s","confidential":false,
                 "parties":[{"role":"COMPLAINANT","name":"张三","phone":"13812345678","household":"%s-h-%s"},
                            {"role":"RESPONDENT","name":"李四","household":"%s-h2-%s"}]}
                """.formatted(caseId, village, disputeType, village, caseId, village, caseId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("id");
    }

    public static String booking(String fileId, Instant start, Instant end, String room, List<String> members) {
        return """
                {"fileId":"%s","startsAt":"%s","endsAt":"%s","room":"%s","memberIds":[%s]}
                """.formatted(fileId, start, end, room,
                members.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(",")));
    }
}
