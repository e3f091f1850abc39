package cn.township.dispatch.supervision;

import cn.township.dispatch.DispatchProperties;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DigestIssuerTest {

    private final DispatchProperties.Digest at8 = new DispatchProperties.Digest(LocalTime.of(8, 0), "Asia/Shanghai");

    @Test
    void theDaysDigestIsDueFromTheConfiguredLocalTime() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        assertThat(DigestIssuer.dueDay(ZonedDateTime.of(2026, 5, 4, 7, 59, 0, 0, zone), at8)).isNull();
        assertThat(DigestIssuer.dueDay(ZonedDateTime.of(2026, 5, 4, 8, 0, 0, 0, zone), at8))
                .isEqualTo(LocalDate.of(2026, 5, 4));
        assertThat(DigestIssuer.dueDay(ZonedDateTime.of(2026, 5, 4, 23, 0, 0, 0, zone), at8))
                .isEqualTo(LocalDate.of(2026, 5, 4));
    }
}
