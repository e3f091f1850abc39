package cn.township.gateway.limits;

import cn.township.gateway.GatewayProperties.BodyLimit;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BodySizeLimitFilterTest {

    @Test
    void longestMatchingPrefixWinsElseDefault() {
        BodySizeLimitFilter filter = new BodySizeLimitFilter(new BodyLimit(DataSize.ofKilobytes(256),
                Map.of("/api/intake", DataSize.ofKilobytes(64), "/api/intake/attachments", DataSize.ofMegabytes(5))));
        assertThat(filter.limitFor("/api/intake/tickets")).isEqualTo(64 * 1024);
        assertThat(filter.limitFor("/api/intake")).isEqualTo(64 * 1024);
        assertThat(filter.limitFor("/api/intake/attachments/1")).isEqualTo(5 * 1024 * 1024);
        assertThat(filter.limitFor("/api/intakes")).isEqualTo(256 * 1024);
        assertThat(filter.limitFor("/api/dispatch/cases")).isEqualTo(256 * 1024);
    }
}
