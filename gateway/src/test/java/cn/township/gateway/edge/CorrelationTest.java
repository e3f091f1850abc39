package cn.township.gateway.edge;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationTest {

    @Test
    void keepsSaneRequestIdsAndReplacesOthers() {
        assertThat(Correlation.requestId("abc-123_x.y")).isEqualTo("abc-123_x.y");
        assertThat(Correlation.requestId(null)).matches("[0-9a-f-]{36}");
        assertThat(UUID.fromString(Correlation.requestId(null)).version()).isEqualTo(4);
        assertThat(UUID.fromString(Correlation.requestId(null)).variant()).isEqualTo(2);
        assertThat(Correlation.requestId("bad id\r\nX-Evil: 1")).matches("[0-9a-f-]{36}");
        assertThat(Correlation.requestId("x".repeat(129))).matches("[0-9a-f-]{36}");
    }

    @Test
    void continuesAValidTraceWithANewSpan() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String relayed = Correlation.traceparent(incoming);
        assertThat(relayed).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01")
                .isNotEqualTo(incoming).hasSize(55);
    }

    @Test
    void startsANewTraceForMissingOrInvalidHeaders() {
        for (String bad : new String[] {null, "", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}) {
            String relayed = Correlation.traceparent(bad);
            assertThat(relayed).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736");
        }
    }
}
