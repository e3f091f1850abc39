package cn.township.intake.open311;

import cn.township.contracts.dispatch.CaseOpened;
import cn.township.contracts.dispatch.CaseResolved;
import cn.township.contracts.dispatch.CaseSignedOff;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.intake.support.CaseEvents;
import cn.township.intake.support.Http;
import cn.township.intake.support.Realm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A GeoReport v2 client's round trip, in JSON and in XML, following the request through its case. */
@ServiceIntegrationTest
class Open311IT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Realm.register(registry);
    }

    private static CaseEvents dispatch;

    @LocalServerPort
    int port;

    @BeforeAll
    static void open() {
        dispatch = new CaseEvents();
    }

    @AfterAll
    static void close() {
        dispatch.close();
    }

    private Http client() {
        return Http.to(port);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> pothole() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_key", "local-dev-key");
        f.put("service_code", "roads");
        f.put("lat", "40.2951");
        f.put("long", "117.2317");
        f.put("address_string", "南岔村村口");
        f.put("description", "村口道路塌陷一个大坑");
        f.put("first_name", "小");
        f.put("last_name", "王");
        f.put("phone", "13912345678");
        f.put("media_url", "https://f.example/pothole.jpg");
        return f;
    }

    private static org.w3c.dom.Document xml(String body) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    @Test
    void postThenGetInJsonFollowsTheCase() {
        Http.Reply created = client().post("/open311/v2/requests.json", "application/x-www-form-urlencoded", form(pothole()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.contentType()).startsWith("application/json");
        String id = created.json().get(0).get("service_request_id").asString();

        JsonNode request = client().get("/open311/v2/requests/" + id + ".json").json().get(0);
        assertThat(request.get("service_request_id").asString()).isEqualTo(id);
        assertThat(request.get("status").asString()).isEqualTo("open");
        assertThat(request.get("service_code").asString()).isEqualTo("roads");
        assertThat(request.get("service_name").asString()).isEqualTo("道路破损");
        assertThat(request.get("description").asString()).isEqualTo("村口道路塌陷一个大坑");
        assertThat(request.get("lat").asDouble()).isEqualTo(40.2951);
        assertThat(request.get("media_url").asString()).isEqualTo("https://f.example/pothole.jpg");
        assertThat(request.toString()).as("anonymous readers never see the submitter")
                .doesNotContain("13912345678").doesNotContain("****").doesNotContain("王");

        Instant due = Instant.parse("2026-12-05T10:00:00Z");
        dispatch.publish(new CaseOpened("C-" + id, List.of(id), "OPEN311", "roads", "nancha", "construction", "NORMAL",
                false, Instant.now()));
        dispatch.publish(new CaseSignedOff("C-" + id, "construction", "nancha", "副乡长", "书记", due, due, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> client().get("/open311/v2/requests/" + id + ".json").json()
                .get(0).get("expected_datetime").asString(), due.toString()::equals);
        JsonNode signed = client().get("/open311/v2/requests/" + id + ".json").json().get(0);
        assertThat(signed.get("agency_responsible").asString()).isEqualTo("construction");
        assertThat(signed.get("status").asString()).isEqualTo("open");

        dispatch.publish(new CaseResolved("C-" + id, List.of(id), "已回填修复", null, "liu", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> client().get("/open311/v2/requests/" + id + ".json").json()
                .get(0).get("status").asString(), "closed"::equals);

        JsonNode updates = client().get("/open311/v2/servicerequestupdates.json?start_date="
                + URLEncoder.encode(Instant.now().minusSeconds(3600).toString(), StandardCharsets.UTF_8)).json();
        List<String> states = new java.util.ArrayList<>();
        updates.forEach(u -> {
            if (u.get("service_request_id").asString().equals(id)) {
                states.add(u.get("status").asString());
            }
        });
        assertThat(states).containsExactly("in_progress", "in_progress", "fixed");

        JsonNode listed = client().get("/open311/v2/requests.json?service_request_id=" + id + "&status=closed").json();
        assertThat(listed).hasSize(1);
        assertThat(client().get("/open311/v2/tokens/" + id + ".json").json().get(0).get("service_request_id").asString())
                .isEqualTo(id);
    }

    /**
     * Dispatch publishes in bursts: each case's opening and sign-off back to back, one opening delivered twice. Each
     * request shows its own case's agency and deadline, and its history lists the opening once, before the sign-off.
     */
    @Test
    void aBurstOfCaseEventsLeavesEachRequestItsOwnHistoryInOrderAndAReplayChangesNothing() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Http.Reply created = client().post("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                    form(pothole()));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            ids.add(created.json().get(0).get("service_request_id").asString());
        }
        Instant since = Instant.now().minusSeconds(60);
        List<cn.township.contracts.DomainEvent> events = new java.util.ArrayList<>();
        List<String> ceIds = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Instant due = Instant.parse("2026-12-05T10:00:00Z").plusSeconds(3600L * i);
            String department = i % 2 == 0 ? "construction" : "water";
            String opened = "opened-" + id;
            events.add(new CaseOpened("C-" + id, List.of(id), "OPEN311", "roads", "nancha", department, "NORMAL",
                    false, Instant.now()));
            ceIds.add(opened);
            events.add(new CaseSignedOff("C-" + id, department, "nancha", "副乡长", "书记", due, due, Instant.now()));
            ceIds.add("signed-" + id);
            if (i == 3) {
                events.add(events.get(events.size() - 2));
                ceIds.add(opened);
            }
        }
        dispatch.publishTogether(events, ceIds);

        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Instant due = Instant.parse("2026-12-05T10:00:00Z").plusSeconds(3600L * i);
            await().atMost(Duration.ofSeconds(30)).until(() -> client().get("/open311/v2/requests/" + id + ".json")
                    .json().get(0).path("expected_datetime").asString(""), due.toString()::equals);
            JsonNode request = client().get("/open311/v2/requests/" + id + ".json").json().get(0);
            assertThat(request.get("agency_responsible").asString()).isEqualTo(i % 2 == 0 ? "construction" : "water");
            assertThat(request.get("status").asString()).isEqualTo("open");
        }
        JsonNode updates = client().get("/open311/v2/servicerequestupdates.json?start_date="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8)).json();
        for (String id : ids) {
            List<String> lines = new java.util.ArrayList<>();
            updates.forEach(u -> {
                if (u.get("service_request_id").asString().equals(id)) {
                    lines.add(u.get("description").asString());
                }
            });
            assertThat(lines).as(id).hasSize(2);
            assertThat(lines.get(0)).startsWith("受理");
            assertThat(lines.get(1)).startsWith("签批");
        }
    }

    @Test
    void postThenGetInXml() throws Exception {
        Http.Reply created = client().post("/open311/v2/requests.xml", "application/x-www-form-urlencoded", form(pothole()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.contentType()).startsWith("text/xml");
        assertThat(created.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        var doc = xml(created.body());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("service_requests");
        String id = text((Element) doc.getElementsByTagName("request").item(0), "service_request_id");

        var got = xml(client().get("/open311/v2/requests/" + id + ".xml").body());
        Element request = (Element) got.getElementsByTagName("request").item(0);
        assertThat(text(request, "service_request_id")).isEqualTo(id);
        assertThat(text(request, "status")).isEqualTo("open");
        assertThat(text(request, "description")).isEqualTo("村口道路塌陷一个大坑");
        assertThat(text(request, "address")).isEqualTo("南岔村村口");
        assertThat(client().get("/open311/v2/requests/" + id + ".xml").body()).doesNotContain("13912345678")
                .doesNotContain("****").doesNotContain("王");
        assertThat(client().get("/open311/v2/requests.xml?service_request_id=" + id).body())
                .doesNotContain("13912345678").doesNotContain("王");

        var services = xml(client().get("/open311/v2/services.xml").body());
        assertThat(services.getElementsByTagName("service").getLength()).isGreaterThanOrEqualTo(12);
        var discovery = xml(client().get("/open311/v2/discovery.xml").body());
        assertThat(discovery.getElementsByTagName("format").getLength()).isEqualTo(2);
        var definition = xml(client().get("/open311/v2/services/roads.xml").body());
        assertThat(text(definition.getDocumentElement(), "service_code")).isEqualTo("roads");
    }

    @Test
    void errorsUseTheSpecsErrorFormat() throws Exception {
        Map<String, String> noKey = pothole();
        noKey.remove("api_key");
        Http.Reply forbidden = client().post("/open311/v2/requests.json", "application/x-www-form-urlencoded", form(noKey));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get(0).get("code").asInt()).isEqualTo(403);

        Map<String, String> unknown = pothole();
        unknown.put("service_code", "ufo");
        Http.Reply bad = client().post("/open311/v2/requests.xml", "application/x-www-form-urlencoded", form(unknown));
        assertThat(bad.status()).isEqualTo(400);
        var errors = xml(bad.body());
        assertThat(errors.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(text(errors.getDocumentElement(), "description")).contains("service_code");

        Map<String, String> nowhere = pothole();
        nowhere.remove("lat");
        nowhere.remove("long");
        nowhere.remove("address_string");
        assertThat(client().post("/open311/v2/requests.json", "application/x-www-form-urlencoded", form(nowhere)).status())
                .isEqualTo(400);
        assertThat(client().get("/open311/v2/requests/TK-unknown.json").status()).isEqualTo(404);
    }
}
