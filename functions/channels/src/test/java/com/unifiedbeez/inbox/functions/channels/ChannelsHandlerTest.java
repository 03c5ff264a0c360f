package com.unifiedbeez.inbox.functions.channels;

import static com.unifiedbeez.inbox.functions.channels.ChannelsHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The channel endpoints on real PostgreSQL, each connect verified by a real HTTP call to a stand-in platform. */
class ChannelsHandlerTest {
    private static final String BASE = "/api/inbox/channels";
    private static final String ALIAS = "/api/channels";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private UUID org;
    private Caller ada;
    private Caller sam;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        ada = fx.user(org, "Ada", Role.ADMIN);
        sam = fx.user(org, "Sam", Role.AGENT);
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder().append(ThreadLocalRandom.current().nextInt(1, 10));
        while (s.length() < n) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    private static String token(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String botToken() {
        return digits(10) + ":AAH" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String whatsapp(String phoneNumberId, String accessToken) {
        return "{\"phoneNumberId\":\"" + phoneNumberId + "\",\"accessToken\":\"" + accessToken + "\",\"wabaId\":\"" + digits(15) + "\"}";
    }

    private static HttpAnswer connect(Caller who, String base, String kind, String body) {
        return call(request("POST", base + "/" + kind).as(who).body(body));
    }

    private long rows(UUID organization) {
        return fx.count("SELECT count(*) FROM channel_connections WHERE organization_id = ?", organization);
    }

    /** The stored ciphertext exists and does not hold the plaintext anywhere. */
    private void assertStoredEncrypted(String id, String plaintext) {
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE id = ?::uuid AND credentials_encrypted IS NOT NULL"
                + " AND position(convert_to(?, 'UTF8') IN credentials_encrypted) = 0 AND credentials_key_id IS NOT NULL",
                id, plaintext)).as("credentials of " + id + " stored encrypted").isEqualTo(1);
    }

    private static ChannelConnection stored(String id) {
        return ChannelsHarness.store().find(UUID.fromString(id)).orElseThrow();
    }

    private static List<String> fields(JsonNode problem) {
        return StreamSupport.stream(problem.path("errors").spliterator(), false).map(e -> e.path("field").asText()).toList();
    }

    @Test
    void eachOrganizationListsOnlyItsOwnConnectionsAndNeverACredential() {
        String acmeToken = token("EAAG");
        String acmeNumber = digits(15);
        assertThat(connect(ada, BASE, "whatsapp", whatsapp(acmeNumber, acmeToken)).status()).isEqualTo(201);
        UUID globex = fx.organization("Globex");
        Caller gus = fx.user(globex, "Gus", Role.ADMIN);
        String globexToken = token("EAAG");
        String page = digits(15);
        assertThat(connect(gus, ALIAS, "social", "{\"platform\":\"messenger\",\"pageId\":\"" + page + "\",\"accessToken\":\""
                + globexToken + "\"}").status()).isEqualTo(201);

        for (String base : List.of(BASE, ALIAS)) {
            var raw = ChannelsHarness.handler().handleRequest(request("GET", base).as(sam).build(), null);
            assertThat(raw.getStatusCode()).isEqualTo(200);
            assertThat(raw.getBody()).doesNotContain(acmeToken).doesNotContain(globexToken).doesNotContain(page)
                    .doesNotContain("credentials");
            HttpAnswer list = call(request("GET", base).as(sam));
            JsonNode items = list.json().path("items");
            assertThat(items.size()).isEqualTo(1);
            JsonNode mine = items.get(0);
            assertThat(mine.path("channel").asText()).isEqualTo("whatsapp");
            assertThat(mine.path("externalId").asText()).isEqualTo(acmeNumber);
            assertThat(mine.path("name").asText()).isEqualTo("WhatsApp " + acmeNumber);
            assertThat(mine.path("status").asText()).isEqualTo("active");
            assertThat(mine.path("config").path("wabaId").asText()).hasSize(15);
            assertThat(mine.path("lastHealthStatus").asText()).isEqualTo("ok");
            assertThat(mine.path("createdAt").asText()).isNotEmpty();
            assertThat(mine.path("disconnectedAt").isNull()).isTrue();
        }
        assertThat(call(request("GET", BASE).as(gus)).json().path("items").get(0).path("externalId").asText()).isEqualTo(page);
    }

    @Test
    void eachConnectFormIsCheckedWithThePlatformAndStoredEncrypted() {
        String waToken = token("EAAG");
        HttpAnswer wa = connect(ada, BASE, "whatsapp", whatsapp(digits(15), waToken));
        assertThat(wa.status()).isEqualTo(201);
        assertThat(wa.json().path("channel").asText()).isEqualTo("whatsapp");
        assertThat(wa.json().toString()).doesNotContain(waToken);

        String password = "pw-" + UUID.randomUUID();
        String mailbox = "support." + digits(6) + "@Acme.example";
        HttpAnswer email = connect(ada, ALIAS, "email", "{\"email\":\"" + mailbox + "\",\"smtpHost\":\"smtp.acme.example\","
                + "\"imapHost\":\"imap.acme.example\",\"credentials\":{\"password\":\"" + password + "\"},\"fromName\":\"Acme\"}");
        assertThat(email.status()).isEqualTo(201);
        assertThat(email.json().path("externalId").asText()).isEqualTo(mailbox.toLowerCase());
        assertThat(email.json().path("config").path("imapPort").asInt()).isEqualTo(993);
        assertThat(email.json().path("config").path("smtpSecurity").asText()).isEqualTo("starttls");
        assertThat(email.json().path("config").path("username").asText()).isEqualTo(mailbox.toLowerCase());

        String igToken = token("IGQ");
        String page = digits(15);
        String igAccount = "178414" + digits(11);
        HttpAnswer ig = connect(ada, BASE, "social", "{\"platform\":\"instagram\",\"pageId\":\"" + page
                + "\",\"accessToken\":\"" + igToken + "\",\"instagramAccountId\":\"" + igAccount + "\",\"name\":\"Acme IG\"}");
        assertThat(ig.status()).isEqualTo(201);
        assertThat(ig.json().path("channel").asText()).isEqualTo("instagram");
        assertThat(ig.json().path("externalId").asText()).isEqualTo(igAccount);
        assertThat(ig.json().path("config").path("pageId").asText()).isEqualTo(page);
        assertThat(ig.json().path("name").asText()).isEqualTo("Acme IG");

        String fbToken = token("EAAG");
        HttpAnswer fb = connect(ada, ALIAS, "social", "{\"platform\":\"facebook\",\"pageId\":\"" + page + "\",\"accessToken\":\""
                + fbToken + "\"}");
        assertThat(fb.status()).isEqualTo(201);
        assertThat(fb.json().path("channel").asText()).isEqualTo("messenger");
        assertThat(fb.json().path("externalId").asText()).isEqualTo(page);

        String bot = botToken();
        HttpAnswer telegram = connect(ada, BASE, "telegram", "{\"botToken\":\"" + bot + "\"}");
        assertThat(telegram.status()).isEqualTo(201);
        assertThat(telegram.json().path("externalId").asText()).isEqualTo(bot.substring(0, bot.indexOf(':')));
        assertThat(telegram.json().toString()).doesNotContain("webhookSecret");

        String authToken = UUID.randomUUID().toString().replace("-", "");
        String number = "+1415" + digits(7);
        HttpAnswer sms = connect(ada, ALIAS, "sms", "{\"accountSid\":\"AC" + authToken + "\",\"authToken\":\"" + authToken
                + "\",\"phoneNumber\":\"" + number + "\"}");
        assertThat(sms.status()).isEqualTo(201);
        assertThat(sms.json().path("externalId").asText()).isEqualTo(number);
        assertThat(sms.json().path("config").path("accountSid").asText()).isEqualTo("AC" + authToken);

        Map<HttpAnswer, Map<String, String>> secrets = Map.of(wa, Map.of("accessToken", waToken), email, Map.of("password", password),
                ig, Map.of("accessToken", igToken), fb, Map.of("accessToken", fbToken), sms, Map.of("authToken", authToken));
        secrets.forEach((answer, expected) -> {
            String id = answer.json().path("id").asText();
            String plaintext = expected.values().iterator().next();
            assertStoredEncrypted(id, plaintext);
            assertThat(stored(id).secrets().values()).isEqualTo(expected);
            assertThat(PlatformStandIn.seenWith(plaintext)).as("the platform was asked").hasSize(1);
        });
        assertThat(rows(org)).isEqualTo(6);
    }

    @Test
    void telegramGetsAGeneratedWebhookSecretThatTheConnectCallCarries() {
        String bot = botToken();
        String id = connect(ada, BASE, "telegram", "{\"botToken\":\"" + bot + "\",\"name\":\"Acme bot\"}").json().path("id").asText();
        assertStoredEncrypted(id, bot);
        String secret = stored(id).secrets().require("webhookSecret");
        assertThat(secret).matches("[A-Za-z0-9]{32,}");
        assertStoredEncrypted(id, secret);
        assertThat(PlatformStandIn.seenWith(bot)).singleElement()
                .satisfies(seen -> assertThat(seen.webhookSecret()).isEqualTo(secret));
        assertThat(stored(id).name()).isEqualTo("Acme bot");
    }

    @Test
    void invalidInputIsAnsweredFieldByFieldAndNothingIsStoredOrCalled() {
        int calls = PlatformStandIn.seenCount();
        Map<String, List<String>> wrong = Map.of(
                "whatsapp", List.of("{\"phoneNumberId\":\"+44 7700\",\"wabaId\":\"\"}", "phoneNumberId,accessToken,wabaId"),
                "email", List.of("{\"email\":\"nobody\",\"smtpHost\":\"smtp.acme.example\",\"imapHost\":\"https://imap\","
                        + "\"credentials\":{\"username\":\"u\"},\"imapPort\":0,\"imapSecurity\":\"tls\"}",
                        "email,imapHost,credentials.password,imapPort,imapSecurity"),
                "social", List.of("{\"platform\":\"tiktok\",\"pageId\":\"12\",\"accessToken\":\"t\"}", "platform"),
                "telegram", List.of("{\"botToken\":\"not-a-token\"}", "botToken"),
                "sms", List.of("{\"accountSid\":\"AC1\",\"authToken\":\"x\",\"phoneNumber\":\"07700900123\"}", "accountSid,phoneNumber"));
        wrong.forEach((kind, bodyAndFields) -> {
            HttpAnswer answer = connect(ada, BASE, kind, bodyAndFields.get(0));
            assertThat(answer.status()).as(kind).isEqualTo(422);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.problemType()).endsWith("/validation-failed");
            assertThat(fields(answer.json())).as(kind).containsExactly(bodyAndFields.get(1).split(","));
        });
        HttpAnswer instagram = connect(ada, ALIAS, "social", "{\"platform\":\"instagram\",\"pageId\":\"12\",\"accessToken\":\"t\"}");
        assertThat(fields(instagram.json())).containsExactly("instagramAccountId");
        HttpAnswer noCredentials = connect(ada, BASE, "email", "{\"email\":\"a@acme.example\",\"smtpHost\":\"s\",\"imapHost\":\"i\"}");
        assertThat(fields(noCredentials.json())).containsExactly("credentials");
        HttpAnswer unknown = connect(ada, BASE, "telegram", "{\"botToken\":\"" + botToken() + "\",\"webhookUrl\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(fields(unknown.json())).containsExactly("webhookUrl");
        HttpAnswer wrongType = connect(ada, BASE, "email", "{\"email\":\"a@acme.example\",\"smtpHost\":\"s\",\"imapHost\":\"i\","
                + "\"credentials\":{\"password\":\"p\"},\"smtpPort\":\"five\"}");
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(fields(wrongType.json())).containsExactly("smtpPort");
        assertThat(connect(ada, BASE, "sms", "{\"accountSid\":").status()).isEqualTo(400);
        assertThat(connect(ada, BASE, "sms", "[]").status()).isEqualTo(400);
        assertThat(call(request("POST", BASE + "/whatsapp").as(ada)).status()).as("no body").isEqualTo(400);

        assertThat(rows(org)).isZero();
        assertThat(PlatformStandIn.seenCount()).as("nothing invalid reaches the platform").isEqualTo(calls);
    }

    @Test
    void aConnectionThePlatformRefusesIsNotStored() {
        String revoked = token("EAAG");
        PlatformStandIn.revoke(revoked);
        HttpAnswer refused = connect(ada, BASE, "whatsapp", whatsapp(digits(15), revoked));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.problemType()).endsWith("/channel-verification-failed");
        assertThat(refused.json().path("detail").asText()).contains("token: platform answered 401")
                .contains("OAuthException").doesNotContain(revoked);
        assertThat(fields(refused.json())).containsExactly("token");
        assertThat(PlatformStandIn.seenWith(revoked)).hasSize(1);
        assertThat(rows(org)).isZero();
    }

    @Test
    void anAccountLiveInAnotherOrganizationIsAConflictThatNamesNoOrganization() {
        String number = "+4477009" + digits(5);
        String sid = "AC" + UUID.randomUUID().toString().replace("-", "");
        assertThat(connect(ada, BASE, "sms", "{\"accountSid\":\"" + sid + "\",\"authToken\":\"" + token("a")
                + "\",\"phoneNumber\":\"" + number + "\"}").status()).isEqualTo(201);
        UUID globex = fx.organization("Globex Corporation");
        Caller gus = fx.user(globex, "Gus", Role.ADMIN);
        String theirs = token("b");
        HttpAnswer conflict = connect(gus, ALIAS, "sms", "{\"accountSid\":\"" + sid + "\",\"authToken\":\"" + theirs
                + "\",\"phoneNumber\":\"" + number + "\"}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.problemType()).endsWith("/channel-already-connected");
        assertThat(conflict.json().toString()).doesNotContain(org.toString()).doesNotContain("Acme");
        assertThat(PlatformStandIn.seenWith(theirs)).as("the platform is not touched for a taken account").isEmpty();
        assertThat(rows(globex)).isZero();
    }

    @Test
    void connectingTheSameAccountAgainRenewsTheConnectionInPlace() {
        String number = digits(15);
        String first = token("EAAG");
        HttpAnswer created = connect(ada, BASE, "whatsapp", whatsapp(number, first));
        String rotated = token("EAAG");
        HttpAnswer renewed = connect(ada, ALIAS, "whatsapp", whatsapp(number, rotated));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.json().path("id").asText()).isEqualTo(created.json().path("id").asText());
        assertThat(stored(renewed.json().path("id").asText()).secrets().require("accessToken")).isEqualTo(rotated);
        assertThat(rows(org)).isEqualTo(1);
    }

    @Test
    void agentsListAndCheckButOnlyAdminsConnectAndDisconnect() {
        String id = connect(ada, BASE, "whatsapp", whatsapp(digits(15), token("EAAG"))).json().path("id").asText();
        for (String kind : List.of("whatsapp", "email", "social", "telegram", "sms")) {
            HttpAnswer denied = connect(sam, BASE, kind, "{}");
            assertThat(denied.status()).as(kind).isEqualTo(403);
            assertThat(denied.problemType()).endsWith("/forbidden");
        }
        assertThat(connect(sam, ALIAS, "whatsapp", whatsapp(digits(15), token("EAAG"))).status()).isEqualTo(403);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", id).as(sam)).status()).isEqualTo(403);
        assertThat(call(request("GET", BASE).as(sam)).status()).isEqualTo(200);
        assertThat(call(request("GET", BASE + "/{id}/health").path("id", id).as(sam)).status()).isEqualTo(200);
        assertThat(rows(org)).isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE id = ?::uuid AND status = 'active'", id)).isEqualTo(1);
    }

    @Test
    void disconnectingWipesTheCredentialsAndKeepsTheConversations() {
        String bot = botToken();
        String id = connect(ada, BASE, "telegram", "{\"botToken\":\"" + bot + "\"}").json().path("id").asText();
        UUID contact = fx.contact(org, "Alice", "telegram", digits(9));
        UUID conversation = fx.conversation(org, contact, "telegram", ConversationSpec.open(Instant.now()));
        fx.exec("UPDATE conversations SET channel_connection_id = ?::uuid WHERE id = ?", id, conversation);
        fx.inboundMessage(org, conversation, "Hello there", Instant.now());

        UUID globex = fx.organization("Globex");
        Caller gus = fx.user(globex, "Gus", Role.ADMIN);
        assertThat(call(request("DELETE", ALIAS + "/{id}").path("id", id).as(gus)).status()).isEqualTo(404);
        assertThat(call(request("GET", ALIAS + "/{id}/health").path("id", id).as(gus)).status()).isEqualTo(404);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", "not-an-id").as(ada)).status()).isEqualTo(404);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", UUID.randomUUID()).as(ada)).status()).isEqualTo(404);
        assertThat(stored(id).status()).isEqualTo("active");

        assertThat(call(request("DELETE", BASE + "/{id}").path("id", id).as(ada)).status()).isEqualTo(204);
        assertThat(call(request("DELETE", ALIAS + "/{id}").path("id", id).as(ada)).status()).as("twice is once").isEqualTo(204);
        JsonNode listed = call(request("GET", BASE).as(sam)).json().path("items").get(0);
        assertThat(listed.path("status").asText()).isEqualTo("disconnected");
        assertThat(listed.path("disconnectedAt").isNull()).isFalse();
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE id = ?::uuid AND credentials_encrypted IS NULL"
                + " AND credentials_key_id IS NULL", id)).isEqualTo(1);
        assertThat(ChannelsHarness.store().findLive(com.unifiedbeez.inbox.channel.Channel.TELEGRAM,
                bot.substring(0, bot.indexOf(':')))).isEmpty();
        assertThat(fx.count("SELECT count(*) FROM conversations WHERE id = ? AND channel_connection_id = ?::uuid", conversation, id))
                .isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM messages WHERE conversation_id = ?", conversation)).isEqualTo(1);
        HttpAnswer health = call(request("GET", BASE + "/{id}/health").path("id", id).as(ada));
        assertThat(health.status()).isEqualTo(409);
        assertThat(health.problemType()).endsWith("/channel-disconnected");

        HttpAnswer back = connect(ada, BASE, "telegram", "{\"botToken\":\"" + bot + "\"}");
        assertThat(back.status()).as("the same bot comes back on its old connection").isEqualTo(200);
        assertThat(back.json().path("id").asText()).isEqualTo(id);
        assertThat(back.json().path("status").asText()).isEqualTo("active");
        assertThat(back.json().path("disconnectedAt").isNull()).isTrue();
    }

    @Test
    void disconnectingReleasesALiveConnectionAtItsPlatformBeforeWipingItsCredentials() {
        String bot = botToken();
        String id = connect(ada, BASE, "telegram", "{\"botToken\":\"" + bot + "\"}").json().path("id").asText();
        Caller gus = fx.user(fx.organization("Globex"), "Gus", Role.ADMIN);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", id).as(gus)).status()).isEqualTo(404);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", id).as(sam)).status()).isEqualTo(403);
        assertThat(BearerProbe.releasesOf(id)).as("no release for a refused disconnect").isEmpty();

        assertThat(call(request("DELETE", BASE + "/{id}").path("id", id).as(ada)).status()).isEqualTo(204);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", id).as(ada)).status()).isEqualTo(204);

        assertThat(BearerProbe.releasesOf(id)).as("once, while live").singleElement().satisfies(release -> {
            assertThat(release.credentialsStored()).isTrue();
            assertThat(release.connection().status()).isEqualTo("active");
            assertThat(release.connection().externalId()).isEqualTo(bot.substring(0, bot.indexOf(':')));
            assertThat(release.connection().secrets().get("botToken")).contains(bot);
            assertThat(release.connection().secrets().get("webhookSecret")).isPresent();
        });
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE id = ?::uuid AND credentials_encrypted IS NULL", id))
                .isEqualTo(1);
    }

    @Test
    void aReleaseThatFailsStillDisconnects() {
        String phoneNumberId = digits(15);
        String id = connect(ada, BASE, "whatsapp", whatsapp(phoneNumberId, token("EAAG"))).json().path("id").asText();
        BearerProbe.failReleaseOf(phoneNumberId);

        assertThat(call(request("DELETE", BASE + "/{id}").path("id", id).as(ada)).status()).isEqualTo(204);

        assertThat(BearerProbe.releasesOf(id)).hasSize(1);
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE id = ?::uuid AND status = 'disconnected'"
                + " AND credentials_encrypted IS NULL AND credentials_key_id IS NULL", id)).isEqualTo(1);
    }

    @Test
    void healthAsksThePlatformAndRecordsWhatItSaid() {
        String pageToken = token("EAAG");
        String id = connect(ada, BASE, "social", "{\"platform\":\"messenger\",\"pageId\":\"" + digits(15)
                + "\",\"accessToken\":\"" + pageToken + "\"}").json().path("id").asText();
        HttpAnswer healthy = call(request("GET", BASE + "/{id}/health").path("id", id).as(sam));
        assertThat(healthy.status()).isEqualTo(200);
        assertThat(healthy.json().path("healthy").asBoolean()).isTrue();
        assertThat(healthy.json().path("checkedAt").asText()).isNotEmpty();
        assertThat(healthy.json().path("checks").get(0).path("name").asText()).isEqualTo("token");
        assertThat(healthy.json().path("checks").get(0).path("ok").asBoolean()).isTrue();
        assertThat(PlatformStandIn.seenWith(pageToken)).hasSize(2);

        PlatformStandIn.revoke(pageToken);
        HttpAnswer broken = call(request("GET", ALIAS + "/{id}/health").path("id", id).as(sam));
        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.json().path("healthy").asBoolean()).isFalse();
        assertThat(broken.json().path("checks").get(0).path("detail").asText()).contains("401");
        JsonNode listed = call(request("GET", BASE).as(sam)).json().path("items").get(0);
        assertThat(listed.path("status").asText()).as("a member's check never moves routing state").isEqualTo("active");
        assertThat(listed.path("lastHealthStatus").asText()).isEqualTo("failed");
        assertThat(listed.path("lastHealthDetail").asText()).startsWith("token: platform answered 401");
        assertThat(Instant.parse(listed.path("lastHealthAt").asText())).isEqualTo(Instant.parse(broken.json().path("checkedAt").asText()));

        PlatformStandIn.restore(pageToken);
        assertThat(call(request("GET", BASE + "/{id}/health").path("id", id).as(sam)).json().path("healthy").asBoolean()).isTrue();
        assertThat(fx.one("SELECT status || '/' || last_health_status FROM channel_connections WHERE id = ?::uuid", id))
                .isEqualTo("active/ok");
    }
}
