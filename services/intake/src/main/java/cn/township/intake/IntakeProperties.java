package cn.township.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** {@code township.intake.*}: data files, privacy keys, the city feedback peer and Open311 clients. */
@ConfigurationProperties("township.intake")
public record IntakeProperties(Integer maxBodyBytes, String catalogue, String gazetteer, Duration repeatWindow,
                               Duration similarWindow, Phone phone, Feedback feedback, Open311 open311) {

    public IntakeProperties {
        maxBodyBytes = maxBodyBytes == null ? 65_536 : maxBodyBytes;
        catalogue = catalogue == null ? "classpath:intake/categories.json" : catalogue;
        gazetteer = gazetteer == null ? "classpath:intake/gazetteer.json" : gazetteer;
        repeatWindow = repeatWindow == null ? Duration.ofDays(30) : repeatWindow;
        similarWindow = similarWindow == null ? Duration.ofDays(3) : similarWindow;
        open311 = open311 == null ? new Open311(null, null) : open311;
    }

    /** Base64 keys (32 bytes each): AES-GCM for phones at rest, HMAC-SHA256 for the repeat-caller key. */
    public record Phone(String encryptionKey, String hashKey) {
    }

    /** Where and how results go back to the city (办结反馈). */
    public record Feedback(URI url, Integer maxAttempts, Duration firstBackoff, Duration maxBackoff,
                           Duration pollInterval, Duration timeout) {
        public Feedback {
            maxAttempts = maxAttempts == null ? 6 : maxAttempts;
            firstBackoff = firstBackoff == null ? Duration.ofSeconds(2) : firstBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
            pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }

    /** Open311: the jurisdiction and the API keys of the clients allowed to post requests. */
    public record Open311(String jurisdictionId, Map<String, String> clients) {
        public Open311 {
            jurisdictionId = jurisdictionId == null ? "township" : jurisdictionId;
            clients = clients == null ? Map.of() : Map.copyOf(clients);
        }
    }
}
