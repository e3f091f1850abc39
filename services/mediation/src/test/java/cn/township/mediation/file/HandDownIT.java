package cn.township.mediation.file;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.EventJson;
import cn.township.contracts.Topics;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.mediation.MediationOpened;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.mediation.support.Api;
import cn.township.mediation.support.Producer;
import cn.township.mediation.support.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static cn.township.contracts.EventSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class HandDownIT {

    static Producer dispatch;
    static TopicProbe topic;

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Api.realm(registry);
    }

    @LocalServerPort
    int port;

    /** After the application context started (and declared its topics). */
    @BeforeEach
    void probe() {
        if (topic == null) {
            topic = new TopicProbe(Topics.MEDIATION_SESSIONS);
        }
    }

    @BeforeAll
    static void connect() {
        dispatch = new Producer();
    }

    @AfterAll
    static void disconnect() {
        dispatch.close();
        if (topic != null) {
            topic.close();
        }
    }

    private static CaseHandedDown handedDown(String caseId) {
        return new CaseHandedDown(caseId, List.of("t-" + caseId), "beitumen", "邻居建房施工", "complaint found untrue",
                "home visit by cadre and elders, then round-table", "张三", "138****5678", false, "secretary",
                Instant.parse("2026-11-20T02:00:00Z"));
    }

    @Test
    void aHandedDownCaseOpensItsFileOnceHoweverOftenItIsDelivered() {
        String caseId = "c-" + UUID.randomUUID();
        String marker = "c-" + UUID.randomUUID();
        String ceId = UUID.randomUUID().toString();

        dispatch.send(caseId, ceId, handedDown(caseId));
        Api api = Api.at(port).mediator();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/mediation/files/mf-" + caseId).status() == 200);

        var file = api.get("/api/mediation/files/mf-" + caseId).json();
        assertThat(file.path("caseId").asString()).isEqualTo(caseId);
        assertThat(file.path("village").asString()).isEqualTo("beitumen");
        assertThat(file.path("disputeType").asString()).isEqualTo("CONSTRUCTION");
        assertThat(file.path("parties").get(0).path("phoneMasked").asString()).isEqualTo("138****5678");

        // the same event again, and the same hand-down under a new event id (a re-publish), then a marker on the
        // same partition: once the marker's file exists, both replays have been handled
        dispatch.send(caseId, ceId, handedDown(caseId));
        dispatch.send(caseId, UUID.randomUUID().toString(), handedDown(caseId));
        dispatch.send(caseId, UUID.randomUUID().toString(), handedDown(marker));
        topic.await(r -> marker.equals(r.key()), 1);

        var opened = topic.matching(r -> caseId.equals(r.key())
                && "mediation.mediation.MediationOpened.v1".equals(TopicProbe.type(r)));
        assertThat(opened).hasSize(1);
        var record = opened.getFirst();
        assertThat(TopicProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(caseId);
        assertThat(TopicProbe.header(record, CloudEventHeaders.TRACEPARENT))
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        assertValid("mediation.mediation.MediationOpened.v1", record.value());
        assertThat(EventJson.read(record.value(), MediationOpened.class).fileId()).isEqualTo("mf-" + caseId);
        assertThat(api.get("/api/mediation/files/mf-" + caseId).json().path("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aFileIsVisibleToItsVillageButNotToAnother() {
        String caseId = "c-" + UUID.randomUUID();
        dispatch.send(caseId, UUID.randomUUID().toString(), handedDown(caseId));
        Api api = Api.at(port);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.mediator().get("/api/mediation/files/mf-" + caseId).status() == 200);

        assertThat(api.as("cadre-beitumen")
                .get("/api/mediation/files/mf-" + caseId).status()).isEqualTo(200);
        var other = api.as("cadre-nancha").get("/api/mediation/files/mf-" + caseId);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/mediation/files/mf-" + caseId).status()).isEqualTo(401);
    }

    @Test
    void aConfidentialHandDownOpensItsFileWithoutTheComplainantEvenIfTheEventCarriedOne() {
        String caseId = "c-" + UUID.randomUUID();
        // dispatch leaves a confidential complainant out; an event that still carries one must not be taken over
        dispatch.send(caseId, UUID.randomUUID().toString(), new CaseHandedDown(caseId, List.of("t-" + caseId),
                "nancha", "邻里纠纷", "complaint found unreasonable", "home visit", "王保密", "139****1111", true,
                "secretary", Instant.parse("2026-11-20T02:00:00Z")));
        Api secretary = Api.at(port).as("secretary");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> secretary.get("/api/mediation/files/mf-" + caseId).status() == 200);

        var file = secretary.get("/api/mediation/files/mf-" + caseId);
        assertThat(file.json().path("confidential").asBoolean()).isTrue();
        assertThat(file.json().path("parties").size()).isZero();
        assertThat(file.body()).doesNotContain("王保密").doesNotContain("139****1111");
    }
}
