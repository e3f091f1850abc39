package cn.township.intake.feedback;

import cn.township.intake.IntakeProperties;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends due results to the city's endpoint: POST JSON with an {@code Idempotency-Key}, exponential backoff
 * between attempts, every attempt logged on the delivery. 2xx (and 409: the city already has it) is
 * delivered; 5xx, 408, 429 and network errors are retried; other 4xx and the last retry fail visibly.
 */
public final class FeedbackSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedbackSender.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FeedbackDeliveries deliveries;
    private final IntakeProperties.Feedback settings;
    private final HttpClient http;
    private volatile boolean running;
    private volatile Thread worker;

    public FeedbackSender(FeedbackDeliveries deliveries, IntakeProperties.Feedback settings) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public synchronized void start() {
        if (!running) {
            running = true;
            worker = Thread.ofPlatform().name("city-feedback").daemon().start(this::run);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (!sendOneDue()) {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("city feedback: {}", e.toString());
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** @return whether there was something due */
    boolean sendOneDue() throws InterruptedException {
        Document delivery = deliveries.claimDue(settings.timeout().multipliedBy(2));
        if (delivery == null) {
            return false;
        }
        String id = delivery.getString("_id");
        int attemptNo = delivery.getInteger("attemptCount", 0) + 1;
        Instant at = deliveries.clock().instant();
        Document attempt = new Document("attempt", attemptNo).append("at", Date.from(at));
        Boolean retryable;
        try {
            HttpResponse<String> response = http.send(request(delivery), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            attempt.append("httpStatus", status);
            retryable = status / 100 == 2 || status == 409 ? null : (status >= 500 || status == 408 || status == 429);
            if (retryable != null) {
                attempt.append("error", "HTTP " + status + " " + abbreviate(response.body()));
            }
        } catch (IOException e) {
            attempt.append("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            retryable = true;
        }
        if (retryable == null) {
            deliveries.delivered(id, attempt);
        } else if (retryable && attemptNo < settings.maxAttempts()) {
            deliveries.retryLater(id, attempt, at.plus(backoff(attemptNo)));
        } else {
            deliveries.failed(id, attempt);
            log.error("city feedback FAILED for ticket {} ({}) after {} attempts: {}", delivery.getString("ticketId"),
                    id, attemptNo, attempt.getString("error"));
        }
        return true;
    }

    Duration backoff(int attemptNo) {
        Duration d = settings.firstBackoff().multipliedBy(1L << Math.min(attemptNo - 1, 20));
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private HttpRequest request(Document d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", d.getString("_id"));
        body.put("ticketNo", d.getString("ticketNo"));
        body.put("ticketId", d.getString("ticketId"));
        body.put("caseId", d.getString("caseId"));
        body.put("result", d.getString("result"));
        body.put("text", d.getString("text"));
        body.put("handledAt", d.getDate("handledAt").toInstant().toString());
        return HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("Idempotency-Key", d.getString("_id"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
