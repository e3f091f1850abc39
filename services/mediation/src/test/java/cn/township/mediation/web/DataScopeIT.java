package cn.township.mediation.web;

import cn.township.contracts.Topics;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.mediation.support.Api;
import cn.township.mediation.support.Files;
import cn.township.mediation.support.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static cn.township.mediation.support.Times.at;
import static cn.township.mediation.support.Times.weekday;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data scope per record with real tokens: village roles only their village's files and sessions, a villager
 * only their household's, an agency only the sessions it is summoned to; a confidential complainant's name and
 * phone reach only the secretary and the dispatcher, in no response to anyone else and in no event.
 */
@ServiceIntegrationTest
class DataScopeIT {

    static final String SECRET_NAME = "王保密";
    static final String SECRET_PHONE = "139****1111";
    static final String WITHHELD = "(保密 withheld)";

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Api.realm(registry);
    }

    @LocalServerPort
    int port;

    String nanchaConfidential;
    String beitumenOrdinary;

    private Api as(String user) {
        return Api.at(port).as(user);
    }

    /** A confidential nancha file where villager-nancha's household complained; an ordinary beitumen one. */
    @BeforeEach
    void files() {
        Api mediator = Api.at(port).mediator();
        var confidential = mediator.post("/api/mediation/files", """
                {"caseId":"c-%s","village":"nancha","disputeType":"NEIGHBOUR","confidential":true,
                 "plan":"%s fears retaliation; visit the respondent first",
                 "parties":[{"role":"COMPLAINANT","name":"%s","phone":"13900001111","household":"nancha-0001"},
                            {"role":"RESPONDENT","name":"李四","household":"nancha-0002"}]}
                """.formatted(UUID.randomUUID(), SECRET_NAME, SECRET_NAME));
        assertThat(confidential.status()).as(confidential.toString()).isEqualTo(201);
        nanchaConfidential = confidential.text("id");
        beitumenOrdinary = Files.open(mediator, "beitumen", "NEIGHBOUR");
    }

    @Test
    void villageRolesReadOnlyTheirVillagesFiles() {
        String confidential = "/api/mediation/files/" + nanchaConfidential;
        String ordinary = "/api/mediation/files/" + beitumenOrdinary;
        assertThat(as("cadre-nancha").get(confidential).status()).isEqualTo(200);
        assertThat(as("elder-nancha-2").get(confidential).status()).isEqualTo(200);
        assertThat(as("cadre-beitumen").get(ordinary).status()).isEqualTo(200);
        assertThat(as("elder-beitumen-1").get(ordinary).status()).isEqualTo(200);
        for (var refused : List.of(as("cadre-nancha").get(ordinary), as("elder-nancha-1").get(ordinary),
                as("cadre-beitumen").get(confidential), as("elder-beitumen-1").get(confidential),
                as("cadre-beitumen").get(confidential + "/sessions"))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        // the list: their own village's files only, and asking for another village is refused
        assertThat(ids(as("cadre-nancha").get("/api/mediation/files").json()))
                .contains(nanchaConfidential).doesNotContain(beitumenOrdinary);
        assertThat(ids(as("elder-beitumen-1").get("/api/mediation/files").json()))
                .contains(beitumenOrdinary).doesNotContain(nanchaConfidential);
        var otherVillage = as("cadre-nancha").get("/api/mediation/files?village=beitumen");
        assertThat(otherVillage.status()).isEqualTo(403);
        assertThat(otherVillage.contentType()).startsWith("application/problem+json");
        // township roles see both
        assertThat(ids(as("secretary").get("/api/mediation/files").json()))
                .contains(nanchaConfidential, beitumenOrdinary);
        // a grid worker, a department and an agency do not read mediation files at all
        assertThat(as("grid-nancha").get(confidential).status()).isEqualTo(403);
        assertThat(as("dept-construction").get(confidential).status()).isEqualTo(403);
        assertThat(as("agency-police").get(confidential).status()).isEqualTo(403);
    }

    @Test
    void aVillagerReadsOnlyFilesWhereTheirHouseholdIsAParty() {
        // villager-nancha is household nancha-0001, the complainant's
        assertThat(as("villager-nancha").get("/api/mediation/files/" + nanchaConfidential).status()).isEqualTo(200);
        assertThat(as("villager-nancha").get("/api/mediation/files/" + beitumenOrdinary).status()).isEqualTo(404);
        assertThat(as("villager-beitumen").get("/api/mediation/files/" + nanchaConfidential).status()).isEqualTo(404);
        List<String> mine = ids(as("villager-nancha").get("/api/mediation/files").json());
        assertThat(mine).contains(nanchaConfidential).doesNotContain(beitumenOrdinary);
        // another nancha file without the household is not theirs
        String neighbours = Files.open(Api.at(port).mediator(), "nancha", "NEIGHBOUR");
        assertThat(as("villager-nancha").get("/api/mediation/files/" + neighbours).status()).isEqualTo(404);
        assertThat(as("villager-nancha").get("/api/mediation/files?village=beitumen").status()).isEqualTo(403);
    }

    @Test
    void aConfidentialComplainantReachesOnlySecretaryAndDispatcher() {
        String path = "/api/mediation/files/" + nanchaConfidential;
        for (String user : List.of("secretary", "dispatcher")) {
            var file = as(user).get(path);
            assertThat(file.status()).isEqualTo(200);
            JsonNode complainant = file.json().path("parties").get(0);
            assertThat(complainant.path("name").asString()).isEqualTo(SECRET_NAME);
            assertThat(complainant.path("phoneMasked").asString()).isEqualTo(SECRET_PHONE);
            assertThat(complainant.path("withheld").asBoolean()).isFalse();
            assertThat(file.text("plan")).startsWith(SECRET_NAME);
        }
        for (String user : List.of("cadre-nancha", "elder-nancha-1", "villager-nancha", "mediator", "assessor")) {
            var file = as(user).get(path);
            assertThat(file.status()).as(user).isEqualTo(200);
            assertWithheld(user, file.body());
            JsonNode complainant = file.json().path("parties").get(0);
            assertThat(complainant.path("name").asString()).isEqualTo(WITHHELD);
            assertThat(complainant.path("withheld").asBoolean()).isTrue();
            assertThat(complainant.path("household").isNull()).isTrue();
            assertThat(file.json().path("parties").get(1).path("name").asString()).isEqualTo("李四");
            assertWithheld(user, as(user).get("/api/mediation/files").body());
        }
        // even the mediator who opened it gets it back withheld
        var step = Api.at(port).mediator().post(path + "/steps", """
                {"kind":"REMINDER","who":["cadre-nancha"],"said":"reminded %s's neighbour"}""".formatted(SECRET_NAME));
        assertThat(step.status()).as(step.toString()).isEqualTo(200);
        assertWithheld("mediator", step.body());
        assertThat(as("secretary").get(path).json().path("steps").get(0).path("said").asString()).contains(SECRET_NAME);
    }

    @Test
    void sessionsAreScopedByVillageHouseholdAndSummonedAgencyAndWithholdTheComplainant() throws Exception {
        LocalDate wednesday = weekday(Instant.now(), 20, DayOfWeek.WEDNESDAY);
        var booked = Api.at(port).mediator().post("/api/mediation/sessions", """
                {"fileId":"%s","startsAt":"%s","endsAt":"%s","room":"nancha-committee",
                 "memberIds":["adviser-zhang","elder-nancha-1"],"agencies":["police"]}
                """.formatted(nanchaConfidential, at(wednesday, "09:00"), at(wednesday, "10:00")));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertWithheld("mediator", booked.body());
        String session = "/api/mediation/sessions/" + booked.text("id");

        for (String user : List.of("agency-police", "cadre-nancha", "elder-nancha-2", "villager-nancha", "mediator")) {
            var read = as(user).get(session);
            assertThat(read.status()).as(user + " " + read).isEqualTo(200);
            assertWithheld(user, read.body());
            var ics = as(user).get(session + "/ics");
            assertThat(ics.status()).as(user).isEqualTo(200);
            assertWithheld(user, unfolded(ics.body()));
            assertThat(unfolded(ics.body())).contains("李四");
        }
        for (String user : List.of("agency-market", "cadre-beitumen", "elder-beitumen-1", "villager-beitumen")) {
            var refused = as(user).get(session);
            assertThat(refused.status()).as(user + " " + refused).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(as(user).get(session + "/ics").status()).as(user).isEqualTo(404);
        }
        assertThat(as("secretary").get(session).json().path("parties").toString()).contains(SECRET_NAME);
        assertThat(unfolded(as("dispatcher").get(session + "/ics").body())).contains(SECRET_NAME);
        // an agency reads the sessions it is summoned to, not the file behind them
        assertThat(as("agency-police").get("/api/mediation/files/" + nanchaConfidential + "/sessions").status())
                .isEqualTo(403);
        var ofFile = as("cadre-nancha").get("/api/mediation/files/" + nanchaConfidential + "/sessions");
        assertThat(ofFile.status()).isEqualTo(200);
        assertWithheld("cadre-nancha", ofFile.body());
        // the elder sitting in it: her own calendar feed withholds the complainant too
        var feed = as("elder-nancha-1").get("/api/mediation/members/elder-nancha-1/calendar.ics");
        assertThat(feed.status()).isEqualTo(200);
        assertThat(unfolded(feed.body())).contains(booked.text("id"));
        assertWithheld("elder-nancha-1", unfolded(feed.body()));
    }

    @Test
    void eventsNeverCarryAConfidentialComplainant() {
        try (var topic = new TopicProbe(Topics.MEDIATION_SESSIONS)) {
            var opened = topic.await(r -> TopicProbe.payload(r).contains(nanchaConfidential)
                    && "mediation.mediation.MediationOpened.v1".equals(TopicProbe.type(r)), 1);
            String payload = TopicProbe.payload(opened.getFirst());
            assertThat(payload).doesNotContain(SECRET_NAME).doesNotContain(SECRET_PHONE).doesNotContain("1111")
                    .contains(WITHHELD).contains("nancha-0001").contains("李四");
        }
    }

    @Test
    void onlyTheMemberOrAMediatorRecordsTheMembersLeave() {
        String leave = """
                {"from":"2030-01-07T00:00:00Z","to":"2030-01-08T00:00:00Z","reason":"family matter"}""";
        var other = as("cadre-nancha").post("/api/mediation/members/elder-nancha-1/exceptions", leave);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(as("elder-nancha-2").post("/api/mediation/members/elder-nancha-1/exceptions", leave).status())
                .isEqualTo(403);
        assertThat(as("elder-nancha-1").post("/api/mediation/members/elder-nancha-1/exceptions", leave).status())
                .isEqualTo(201);
        assertThat(as("cadre-nancha").post("/api/mediation/members/cadre-nancha/exceptions", leave).status())
                .isEqualTo(201);
        assertThat(as("elder-beitumen-1").get("/api/mediation/members/elder-nancha-1/calendar.ics").status())
                .isEqualTo(404);
    }

    private static void assertWithheld(String user, String body) {
        assertThat(body).as(user).doesNotContain(SECRET_NAME).doesNotContain(SECRET_PHONE);
    }

    /** iCalendar folds long lines (RFC 5545 §3.1): join them before looking for a name. */
    private static String unfolded(String ics) {
        return ics.replace("\r\n ", "").replace("\r\n\t", "");
    }

    private static List<String> ids(JsonNode files) {
        List<String> ids = new ArrayList<>();
        files.forEach(f -> ids.add(f.path("id").asString()));
        return ids;
    }
}
