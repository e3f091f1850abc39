package cn.township.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static cn.township.e2e.Fixtures.ok;
import static cn.township.e2e.Platform.get;
import static cn.township.e2e.Platform.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Open311 side of flow 1: a request submitted by an ordinary GeoReport v2 client becomes a case, is
 * handled like any other and, once resolved, the public Open311 API shows it closed (JSON and XML). 12345
 * tickets are not on the public Open311 endpoint: their complainants called the city, not a public API.
 */
class Open311ClosedIT {

    @Test
    void aRequestFromAnOpen311ClientIsHandledAndShownClosed() {
        Platform.Reply submitted = Platform.form("/open311/v2/requests.json", "api_key=local-dev-key&service_code=roads"
                + "&lat=40.2951&long=117.2317&description=" + URLEncoder.encode("村口道路塌陷，车辆绕行", StandardCharsets.UTF_8)
                + "&address_string=" + URLEncoder.encode("南岔村村口", StandardCharsets.UTF_8));
        assertThat(submitted.status()).as("%s", submitted).isBetween(200, 201);
        String requestId = submitted.json().get(0).path("service_request_id").asString();
        assertThat(status(requestId)).isEqualTo("open");

        String caseId = "C-" + requestId;
        Fixtures.awaitInSignOffQueue(caseId);
        ok(post("secretary", "/api/dispatch/sign-offs", "{\"items\":[{\"caseId\":\"" + caseId
                + "\",\"leadDepartment\":\"construction\",\"responsibleVillage\":\"nancha\"}]}"));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/accept", null));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/contact", "{\"note\":\"site inspected\"}"));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/resolve",
                "{\"resolution\":\"the road was filled and re-paved\"}"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(requestId)).isEqualTo("closed"));
        Platform.Reply xml = get(null, "/open311/v2/requests/" + requestId + ".xml");
        assertThat(xml.body()).contains("<service_request_id>" + requestId + "</service_request_id>")
                .contains("<status>closed</status>");
    }

    private static String status(String requestId) {
        Platform.Reply reply = get(null, "/open311/v2/requests/" + requestId + ".json");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode request = reply.json().get(0);
        return request.path("status").asString();
    }
}
