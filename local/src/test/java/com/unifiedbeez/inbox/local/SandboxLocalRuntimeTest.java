package com.unifiedbeez.inbox.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.local.sandbox.Sandbox;
import com.unifiedbeez.inbox.local.sandbox.SandboxAccounts;
import com.unifiedbeez.inbox.local.sandbox.SandboxEnvironment;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox inside the local runtime: served beside the gateway on the same port, its URLs and the
 * local secrets in the functions' configuration, the seeded connections sandbox-ready, and its
 * webhooks reaching the template's open webhook route through the gateway.
 */
class SandboxLocalRuntimeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void theSandboxFiresAtOurOwnWebhookRoutesThroughTheGateway() throws Exception {
        LocalOptions options = LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withTemplate(TestTemplates.webhooks()).withJwtSecret("sandbox-runtime-test").withCallbackDelayMs(20);
        try (LocalInbox inbox = LocalInbox.start(options)) {
            String base = inbox.baseUrl();
            Config config = Config.fromEnvironment();
            assertThat(config.get(PlatformEndpoints.GRAPH_API_URL)).contains(base + "/local/sandbox/graph/v23.0");
            assertThat(config.get(PlatformEndpoints.TELEGRAM_API_URL)).contains(base + "/local/sandbox/telegram");
            assertThat(config.get(PlatformEndpoints.TWILIO_API_URL)).contains(base + "/local/sandbox/twilio");
            assertThat(config.get(PlatformEndpoints.WEBHOOK_BASE_URL)).contains(base);
            assertThat(config.get(PlatformEndpoints.META_APP_SECRET)).contains(SandboxEnvironment.META_APP_SECRET);
            assertThat(config.get(CredentialCipher.KEY)).contains(SandboxEnvironment.CREDENTIALS_KEY);

            // the seeded connections hold the sandbox's credentials, encrypted
            ConnectionStore connections = new ConnectionStore(new Database(inbox.database().dataSource()),
                    new CredentialCipher(config));
            ChannelConnection whatsapp = connections.findLive(Channel.WHATSAPP, SandboxAccounts.ACME_PHONE_NUMBER_ID)
                    .orElseThrow();
            assertThat(whatsapp.secrets().require("accessToken")).isEqualTo(SandboxAccounts.ACME_WHATSAPP_TOKEN);
            ChannelConnection email = connections.find(DemoSeed.acmeConnection(Channel.EMAIL)).orElseThrow();
            assertThat(email.setting("imapPort")).isEqualTo(Integer.toString(inbox.mail().imapPort()));
            assertThat(email.setting("smtpPort")).isEqualTo(Integer.toString(inbox.mail().smtpPort()));

            // a customer writes: the signed webhook goes through the gateway to the open route, no JWT needed
            HttpResponse<String> inbound = HTTP.send(HttpRequest.newBuilder(URI.create(base + Sandbox.PREFIX
                    + "/whatsapp/inbound")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                    .ofString("{\"from\":\"447700900123\",\"name\":\"Maria\",\"text\":\"Hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(inbound.statusCode()).as(inbound.body()).isEqualTo(202);
            assertThat(JSON.readTree(inbound.body()).get("webhook").get("url").asText())
                    .isEqualTo(base + "/api/webhooks/whatsapp");
            assertThat(JSON.readTree(inbound.body()).get("webhook").get("status").asInt()).isEqualTo(200);

            // a send through the Twilio stand-in: status callbacks follow at our SMS webhook
            String auth = Base64.getEncoder().encodeToString((SandboxAccounts.ACME_TWILIO_ACCOUNT_SID + ":"
                    + SandboxAccounts.ACME_TWILIO_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(config.get(
                    PlatformEndpoints.TWILIO_API_URL).orElseThrow() + "/2010-04-01/Accounts/"
                    + SandboxAccounts.ACME_TWILIO_ACCOUNT_SID + "/Messages.json"))
                    .header("Authorization", "Basic " + auth).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("To=%2B14155550123&From=%2B15550100200&Body=Hello"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).isEqualTo(201);
            JsonNode fired = null;
            for (int i = 0; i < 100 && (fired == null || fired.size() < 2); i++) {
                Thread.sleep(50);
                fired = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + Sandbox.PREFIX
                        + "/sms/webhooks")).build(), HttpResponse.BodyHandlers.ofString()).body()).get("items");
            }
            assertThat(fired).hasSize(2);
            assertThat(fired.get(0).get("kind").asText()).isEqualTo("status delivered");
            assertThat(fired.get(0).get("url").asText()).isEqualTo(base + "/api/webhooks/sms");
            assertThat(fired.get(0).get("status").asInt()).isEqualTo(200);

            // the gateway's routes are untouched: a JWT route still 401 without a token
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/inbox/channels")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

            ByteArrayOutputStream banner = new ByteArrayOutputStream();
            inbox.printBanner(new PrintStream(banner, true, StandardCharsets.UTF_8));
            assertThat(banner.toString(StandardCharsets.UTF_8)).contains(base + Sandbox.PREFIX,
                    "SMTP 127.0.0.1:" + inbox.mail().smtpPort());
        }
        assertThat(System.getProperty(PlatformEndpoints.GRAPH_API_URL)).as("restored on close").isNull();
    }

    @Test
    void mailPortsAndCallbackDelayFromTheCommandLine() {
        LocalOptions o = LocalOptions.parse(new String[] {"--smtp-port", "2525", "--imap-port", "1143",
                "--callback-delay-ms", "1000"}, Path.of("").toAbsolutePath());
        assertThat(Map.of("smtp", o.smtpPort(), "imap", o.imapPort(), "delay", o.callbackDelayMs()))
                .isEqualTo(Map.of("smtp", 2525, "imap", 1143, "delay", 1000));
        LocalOptions defaults = LocalOptions.parse(new String[0], Path.of("").toAbsolutePath());
        assertThat(defaults.smtpPort()).isEqualTo(3025);
        assertThat(defaults.imapPort()).isEqualTo(3143);
        assertThat(defaults.callbackDelayMs()).isEqualTo(300);
    }
}
