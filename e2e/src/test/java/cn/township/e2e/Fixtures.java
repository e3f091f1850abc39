package cn.township.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.township.e2e.Platform.get;
import static cn.township.e2e.Platform.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records the end-to-end tests read, made through the gateway as the people who make them. */
final class Fixtures {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    /** A case from 南岔村 (nancha) led by construction, police summoned, handed down to the elders and mediation. */
    record HandedDown(String ticketId, String caseId, String name, String phone) {
        String fileId() {
            return "mf-" + caseId;
        }

        String councilId() {
            return "council-" + caseId;
        }
    }

    private Fixtures() {
    }

    static HandedDown handedDownCase(boolean confidential) {
        String ticketNo = "E2E-" + UUID.randomUUID();
        String push = ticket(ticketNo, "construction-dispute", confidential);
        Platform.Reply pushed = post("service-account-hotline", "/api/intake/v1/tickets", push);
        assertThat(pushed.status()).as("%s", pushed).isEqualTo(201);
        String ticketId = pushed.json().path("ticketId").asString();
        String caseId = "C-" + ticketId;
        awaitInSignOffQueue(caseId);
        ok(post("secretary", "/api/dispatch/sign-offs",
                "{\"items\":[{\"caseId\":\"" + caseId + "\",\"responsibleVillage\":\"nancha\"}]}"));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/accept", null));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/whistle",
                "{\"agencies\":[\"police\"],\"reason\":\"digging without a permit\",\"reportInDueAt\":\"2030-01-01T10:00:00Z\"}"));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/hand-down",
                "{\"reason\":\"the claim is unfounded\",\"plan\":[\"remind\",\"home-visit mediation\",\"hand down to the elders\"]}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("mediator", "/api/mediation/files/mf-" + caseId).status()).isEqualTo(200);
            assertThat(get("cadre-nancha", "/api/village/councils/council-" + caseId).status()).isEqualTo(200);
        });
        var complainant = Platform.JSON.readTree(push).path("complainant");
        return new HandedDown(ticketId, caseId, complainant.path("name").asString(), complainant.path("phone").asString());
    }

    /**
     * The case is open and waits for the secretary's sign-off (read from the case itself: on a platform holding
     * many cases the queue's first page is the most urgent ones, not this one).
     */
    static void awaitInSignOffQueue(String caseId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Platform.Reply kase = get("secretary", "/api/dispatch/cases/" + caseId);
            assertThat(kase.json().path("state").asString()).as("%s", kase).isEqualTo("AWAITING_SIGN_OFF");
        });
    }

    /** The case's line in {@code user}'s supervision digest (督办), or a missing node when it is not listed. */
    static JsonNode digestLine(String user, String caseId) {
        Platform.Reply digest = get(user, "/api/dispatch/supervision/digest");
        assertThat(digest.status()).as("%s", digest).isEqualTo(200);
        return digest.json().path("cases").valueStream().filter(l -> caseId.equals(l.path("caseId").asString()))
                .findFirst().orElse(MissingNode.getInstance());
    }

    static void ok(Platform.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isBetween(200, 299);
    }

    /** A 12345 ticket from a caller in 南岔村 (village nancha), with a name and phone number of its own. */
    static String ticket(String ticketNo, String category, boolean confidential) {
        String phone = "139" + String.format("%08d", Math.floorMod(ticketNo.hashCode(), 100_000_000));
        return """
                {"ticketNo":"%s","receivedAt":"%s","channel":"PHONE","kind":"COMPLAINT","category":"%s",
                 "content":"邻居建房施工导致我家排水不畅","address":"平谷区熊儿寨乡南岔村东街12号",
                 "complainant":{"name":"%s","phone":"%s"},"confidential":%s,"urgency":"URGENT"}
                """.formatted(ticketNo, Platform.now().atOffset(java.time.ZoneOffset.ofHours(8)).withNano(0),
                category, "测试人" + ticketNo.substring(ticketNo.length() - 6), phone, confidential);
    }

    /** The path with its templates filled with this case's records (by the template's name and the path). */
    static String path(String template, String ticketId, String caseId) {
        Matcher m = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(valueFor(m.group(1), template, ticketId, caseId)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String valueFor(String name, String path, String ticketId, String caseId) {
        String n = name.toLowerCase();
        if (n.contains("ticket") || path.startsWith("/api/intake/v1/tickets/{")) {
            return ticketId;
        }
        if (n.contains("file") || path.startsWith("/api/mediation/files/{")) {
            return "mf-" + caseId;
        }
        if (n.contains("council") || path.startsWith("/api/village/councils/{")) {
            return "council-" + caseId;
        }
        if (n.contains("household")) {
            return "nancha-0001";
        }
        if (n.contains("village")) {
            return "nancha";
        }
        return caseId;
    }
}
