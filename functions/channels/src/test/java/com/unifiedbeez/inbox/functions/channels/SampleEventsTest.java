package com.unifiedbeez.inbox.functions.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The sample events in events/channels run against the real handler, on rows made here. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleEventsTest {
    private static final Path EVENTS = Path.of("../../events/channels");
    private static final String ORG = "019abc00-0000-7000-8000-0000000000c1";
    private static final String ADMIN = "019abc00-0000-7000-8000-0000000000c2";
    private static final String HEALTH = "019abc00-0000-7000-8000-0000000000c3";
    private static final String GONE = "019abc00-0000-7000-8000-0000000000c4";

    @BeforeAll
    static void givenTheRowsTheSamplesName() {
        Fixtures fx = Fixtures.onTestDatabase();
        fx.exec("INSERT INTO organizations (id, name) VALUES (?::uuid, 'Sample Org')", ORG);
        fx.exec("INSERT INTO users (id, organization_id, email, name, role) VALUES (?::uuid, ?::uuid, 'ada@sample.test', 'Ada', 'admin')",
                ADMIN, ORG);
        connection(fx, HEALTH, "messenger", "998877665544332", Map.of("accessToken", "EAAGsamplePageToken"));
        connection(fx, GONE, "sms", "+14155550199", Map.of("authToken", "sampleauthtoken"));
    }

    private static void connection(Fixtures fx, String id, String channel, String externalId, Map<String, String> secrets) {
        CredentialCipher cipher = new CredentialCipher(TestDatabase.config());
        fx.exec("INSERT INTO channel_connections (id, organization_id, channel, name, external_id, credentials_encrypted,"
                + " credentials_key_id) VALUES (?::uuid, ?::uuid, ?, ?, ?, ?, ?)", id, ORG, channel, channel + " sample", externalId,
                cipher.encrypt(UUID.fromString(id), new Secrets(secrets)), cipher.keyId());
    }

    private static HttpAnswer run(String name) {
        return HttpAnswer.call(ChannelsHarness.handler(), EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve(name + ".json").toString()));
    }

    @Test
    @Order(1)
    void everySampleAnswersAsItsRoutePromises() {
        for (String form : new String[] {"", "-alias"}) {
            assertThat(run("list" + form).json().path("items").size()).isGreaterThanOrEqualTo(2);
            for (String kind : new String[] {"whatsapp", "email", "social", "telegram", "sms"}) {
                HttpAnswer connected = run("connect-" + kind + form);
                assertThat(connected.status()).as(kind + form + ": " + connected.json()).isEqualTo(201);
            }
            HttpAnswer health = run("health" + form);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("healthy").asBoolean()).isTrue();
            assertThat(run("disconnect" + form).status()).isEqualTo(204);
        }
        Fixtures fx = Fixtures.onTestDatabase();
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE organization_id = ?::uuid AND status = 'active'", ORG))
                .isEqualTo(11);
        assertThat(fx.one("SELECT status FROM channel_connections WHERE id = ?::uuid", GONE)).isEqualTo("disconnected");
    }

    @Test
    @Order(2)
    void everyRouteHasASample() throws Exception {
        try (Stream<Path> files = Files.list(EVENTS)) {
            var keys = files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> EventLoader.loadApiGatewayHttpEvent(f.toString()).getRouteKey()).toList();
            assertThat(keys).containsExactlyInAnyOrderElementsOf(ChannelsHandler.ROUTES.keys());
        }
    }

    @Test
    void bothRouteFormsServeTheSameRoutes() {
        var keys = ChannelsHandler.ROUTES.keys();
        var inbox = keys.stream().filter(k -> k.contains(" /api/inbox/channels")).map(k -> k.replace("/api/inbox/channels", ""));
        var alias = keys.stream().filter(k -> k.contains(" /api/channels")).map(k -> k.replace("/api/channels", ""));
        assertThat(inbox.toList()).hasSize(8).containsExactlyInAnyOrderElementsOf(alias.toList());
        assertThat(keys).hasSize(16);
    }
}
