package com.unifiedbeez.inbox.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.DevTokens;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook routes through the real HTTP server: reachable without a JWT where the template says
 * {@code Auth: Authorizer: NONE}, every other route still 401 without one, and the body reaches the
 * function byte for byte (text as text, anything else base64 with isBase64Encoded, as API Gateway
 * v2 does), with lower-cased headers and the raw query string.
 */
class GatewayWebhookRouteTest {
    static final String SECRET = "webhook-route-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Server server;
    static Gateway gateway;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        gateway = new Gateway(SamTemplate.load(TestTemplates.webhooks()).httpRoutes(), new JwtAuthorizer(SECRET),
                "localhost");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new JettyGatewayHandler(gateway));
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        gateway.close();
    }

    static HttpResponse<String> post(String pathAndQuery, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] bytesSeen(JsonNode echo) {
        return HexFormat.of().parseHex(echo.get("bodyHex").asText());
    }

    @Test
    void aSignedJsonWebhookArrivesWithoutATokenByteForByte() throws Exception {
        // spacing, escapes and non-ASCII exactly as Meta sends them: a re-serialised body would not verify
        byte[] body = "{\"object\":\"page\", \"entry\":[{\"text\":\"Zo\\u00eb \u00e9\u20ac \ud83d\udc1d\",\"n\":1.50}]}\n"
                .getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("app-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        HttpResponse<String> r = post("/api/webhooks/messenger", "application/json", body,
                "X-Hub-Signature-256", signature);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode echo = JSON.readTree(r.body());
        assertThat(bytesSeen(echo)).isEqualTo(body);
        assertThat(echo.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(echo.get("headers").get("x-hub-signature-256").asText()).isEqualTo(signature);
        echo.get("headers").fieldNames().forEachRemaining(name -> assertThat(name).isEqualTo(name.toLowerCase()));
        assertThat(echo.get("routeKey").asText()).isEqualTo("POST /api/webhooks/{channel}");
        assertThat(echo.get("pathParameters").get("channel").asText()).isEqualTo("messenger");
        assertThat(echo.get("authorizer").isNull()).isTrue();
        assertThat(echo.get("rawQueryString").asText()).isEmpty();
    }

    @Test
    void aTwilioFormKeepsItsEncodingAndTheRawQueryString() throws Exception {
        byte[] body = "Body=Hi+there%21+1%2B1%3D2&From=%2B14155550123&To=%2B15550100200"
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/api/webhooks/sms?source=status&x=a%20b", "application/x-www-form-urlencoded",
                body, "X-Twilio-Signature", "abc=");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode echo = JSON.readTree(r.body());
        assertThat(echo.get("isBase64Encoded").asBoolean()).as("a form post arrives base64, as on AWS").isTrue();
        assertThat(bytesSeen(echo)).isEqualTo(body);
        assertThat(echo.get("rawQueryString").asText()).isEqualTo("source=status&x=a%20b");
        assertThat(echo.get("queryStringParameters").get("x").asText()).isEqualTo("a b");
        assertThat(echo.get("headers").get("x-twilio-signature").asText()).isEqualTo("abc=");
    }

    @Test
    void bytesThatAreNotTextArriveBase64Encoded() throws Exception {
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        JsonNode json = JSON.readTree(post("/api/webhooks/whatsapp", "application/json", notUtf8).body());
        assertThat(json.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(bytesSeen(json)).isEqualTo(notUtf8);

        byte[] binary = {0, 1, 2, (byte) 0xFF, (byte) 0xFE};
        JsonNode octets = JSON.readTree(post("/api/webhooks/telegram", "application/octet-stream", binary).body());
        assertThat(octets.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(bytesSeen(octets)).isEqualTo(binary);
    }

    @Test
    void theMetaChallengeIsReachableWithoutAToken() throws Exception {
        HttpResponse<String> r = get("/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=tok&hub.challenge=1158201444",
                null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode echo = JSON.readTree(r.body());
        assertThat(echo.get("rawQueryString").asText())
                .isEqualTo("hub.mode=subscribe&hub.verify_token=tok&hub.challenge=1158201444");
        assertThat(echo.get("queryStringParameters").get("hub.challenge").asText()).isEqualTo("1158201444");
    }

    @Test
    void everyOtherRouteStillNeedsTheJwt() throws Exception {
        assertThat(get("/api/inbox/channels", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/inbox/channels/whatsapp", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(401);
        assertThat(get("/api/inbox/channels", "Bearer forged.token.value").statusCode()).isEqualTo(401);
        HttpResponse<String> allowed = get("/api/inbox/channels", "Bearer " + DevTokens.mint(SECRET, DemoSeed.ADA));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(allowed.body()).get("authorizer").asText()).isEqualTo("jwt");
    }
}
