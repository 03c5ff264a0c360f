package com.unifiedbeez.inbox.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.DevTokens;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.testing.CapturedOutput;
import com.unifiedbeez.inbox.local.testing.EchoHandler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the local gateway answers itself, before or around a function: refusals as problem+json
 * (URL too long, bad path or encoding, body over 10 MB, no route, a token without iss/aud/exp as
 * API Gateway's JWT authorizer refuses it), CORS as template.yaml's CorsConfiguration says, and a
 * log without secrets.
 */
class GatewayOwnAnswersTest {
    private static final String SECRET = "gateway-test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SamTemplate REAL = SamTemplate.load(RepoPaths.findTemplate(Path.of("")).orElseThrow());

    private Gateway gateway;
    private String samToken;

    @BeforeEach
    void setUp() {
        gateway = new Gateway(SamTemplate.load(SamTemplateTest.fixture()).httpRoutes(), new JwtAuthorizer(SECRET),
                "localhost:3000").withCors(REAL.cors().orElseThrow());
        samToken = DevTokens.mint(SECRET, DemoSeed.SAM);
    }

    private static GatewayRequest request(String method, String path, String query, byte[] body, String... headers) {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(Map.entry(headers[i], headers[i + 1]));
        }
        return new GatewayRequest(method, path, query, h, body, "127.0.0.1", "HTTP/1.1");
    }

    private static JsonNode problem(GatewayResponse response, int status) throws Exception {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("type").asText()).startsWith("https://docs.unifiedbeez.com/problems/");
        assertThat(body.path("detail").asText()).isNotBlank();
        return body;
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("URL over 8 KB", request("GET", "/api/echo/items", "q=" + "a".repeat(9_000), null), 414,
                        "uri-too-long"),
                Arguments.of("bad percent-encoding in the path", request("GET", "/api/echo/items/%zz", null, null), 400,
                        "bad-request"),
                Arguments.of("NUL in the path", request("GET", "/api/echo/items/a%00b", null, null), 400, "bad-request"),
                Arguments.of("invalid UTF-8 in the path", request("GET", "/api/echo/items/%C3%28", null, null), 400,
                        "bad-request"),
                Arguments.of("bad percent-encoding in the query", request("GET", "/api/echo/items", "q=%E0%A4%A", null),
                        400, "bad-request"),
                Arguments.of("body over 10 MB", request("POST", "/api/echo/items/7", null,
                        new byte[Gateway.MAX_BODY_BYTES + 1], "content-type", "application/octet-stream"), 413,
                        "payload-too-large"),
                Arguments.of("declared body over 10 MB", request("POST", "/api/echo/items/7", null, null,
                        "content-length", "104857600"), 413, "payload-too-large"),
                Arguments.of("no such route", request("GET", "/api/nothing", null, null), 404, "route-not-found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAsProblemJsonWithoutRunningTheFunction(String name, GatewayRequest request, int status, String slug)
            throws Exception {
        int before = EchoHandler.INVOCATIONS.get();
        GatewayRequest authorized = new GatewayRequest(request.method(), request.rawPath(), request.rawQuery(),
                concat(request.headers(), Map.entry("authorization", "Bearer " + samToken)), request.body(),
                request.sourceIp(), request.protocol());
        JsonNode body = problem(gateway.handle(authorized), status);
        assertThat(body.path("type").asText()).endsWith("/" + slug);
        assertThat(EchoHandler.INVOCATIONS.get()).as("the function must not run").isEqualTo(before);
    }

    private static List<Map.Entry<String, String>> concat(List<Map.Entry<String, String>> a, Map.Entry<String, String> b) {
        List<Map.Entry<String, String>> all = new ArrayList<>(a);
        all.add(b);
        return all;
    }

    static Stream<Arguments> tokensApiGatewayRefuses() {
        UnaryOperator<com.auth0.jwt.JWTCreator.Builder> valid = b -> b;
        return Stream.of(
                Arguments.of("no iss", (UnaryOperator<com.auth0.jwt.JWTCreator.Builder>) b -> b.withIssuer(null), "'iss'"),
                Arguments.of("another iss", (UnaryOperator<com.auth0.jwt.JWTCreator.Builder>) b ->
                        b.withIssuer("https://evil.example"), "issuer"),
                Arguments.of("no aud", (UnaryOperator<com.auth0.jwt.JWTCreator.Builder>) b ->
                        b.withAudience((String[]) null), "'aud'"),
                Arguments.of("another aud", (UnaryOperator<com.auth0.jwt.JWTCreator.Builder>) b ->
                        b.withAudience("another-api"), "audience"),
                Arguments.of("no exp", (UnaryOperator<com.auth0.jwt.JWTCreator.Builder>) b -> b.withExpiresAt((Instant) null),
                        "'exp'"),
                Arguments.of("expired", (UnaryOperator<com.auth0.jwt.JWTCreator.Builder>) b ->
                        b.withExpiresAt(Instant.now().minusSeconds(120)), "expired"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensApiGatewayRefuses")
    void theAuthorizerRequiresIssAudAndExpAsApiGatewayDoes(String name,
                                                           UnaryOperator<com.auth0.jwt.JWTCreator.Builder> change,
                                                           String detail) throws Exception {
        com.auth0.jwt.JWTCreator.Builder token = JWT.create()
                .withIssuer(DevTokens.ISSUER).withAudience(DevTokens.AUDIENCE)
                .withSubject(DemoSeed.SAM.id().toString()).withClaim("org_id", DemoSeed.ACME_ORG.toString())
                .withExpiresAt(Instant.now().plusSeconds(600));
        String signed = change.apply(token).sign(Algorithm.HMAC256(SECRET));
        int before = EchoHandler.INVOCATIONS.get();
        JsonNode body = problem(gateway.handle(request("GET", "/api/echo/items", null, null, "Authorization",
                "Bearer " + signed)), 401);
        assertThat(body.path("detail").asText()).contains(detail);
        assertThat(EchoHandler.INVOCATIONS.get()).isEqualTo(before);

        String complete = token.withIssuer(DevTokens.ISSUER).withAudience(DevTokens.AUDIENCE)
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256(SECRET));
        assertThat(gateway.handle(request("GET", "/api/echo/items", null, null, "Authorization", "Bearer " + complete))
                .status()).as("the same token with iss, aud and exp").isEqualTo(200);
    }

    @Test
    void theTemplatesAuthorizerNamesTheIssuerAndAudienceParameters() {
        SamTemplate.JwtAuthorizerConfig authorizer = REAL.jwtAuthorizer().orElseThrow();
        assertThat(authorizer.issuer()).isEqualTo("JwtIssuer");
        assertThat(authorizer.audience()).containsExactly("JwtAudience");
    }

    @Test
    void aPreflightIsAnsweredAsTheTemplatesCorsConfigurationSays() {
        SamTemplate.Cors cors = REAL.cors().orElseThrow();
        assertThat(cors.allowHeaders()).contains("Authorization", "Content-Type", "Idempotency-Key");
        int before = EchoHandler.INVOCATIONS.get();

        GatewayResponse preflight = gateway.handle(request("OPTIONS", "/api/echo/items", null, null,
                "Origin", "https://app.example", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("access-control-allow-origin")).isIn("*", "https://app.example");
        assertThat(preflight.header("access-control-allow-methods")).contains("POST").contains("PATCH").contains("DELETE");
        assertThat(preflight.header("access-control-allow-headers").toLowerCase())
                .contains("authorization", "content-type", "idempotency-key");
        assertThat(preflight.header("access-control-max-age")).isEqualTo(Integer.toString(cors.maxAgeSeconds()));
        assertThat(EchoHandler.INVOCATIONS.get()).as("no function, no token needed").isEqualTo(before);
    }

    @Test
    void onlyTheConfiguredOriginsAreAllowed() {
        gateway.withCors(new SamTemplate.Cors(List.of("https://app.unifiedbeez.com"), List.of("GET", "POST"),
                List.of("Authorization"), List.of("Location"), 300, false));
        GatewayResponse allowed = gateway.handle(request("OPTIONS", "/api/echo/items", null, null,
                "Origin", "https://app.unifiedbeez.com", "Access-Control-Request-Method", "GET"));
        assertThat(allowed.header("access-control-allow-origin")).isEqualTo("https://app.unifiedbeez.com");
        assertThat(allowed.header("vary")).isEqualTo("Origin");

        GatewayResponse refused = gateway.handle(request("OPTIONS", "/api/echo/items", null, null,
                "Origin", "https://evil.example", "Access-Control-Request-Method", "GET"));
        assertThat(refused.status()).isEqualTo(204);
        assertThat(refused.header("access-control-allow-origin")).isNull();

        GatewayResponse answer = gateway.handle(request("GET", "/api/echo/items", null, null,
                "Origin", "https://evil.example", "Authorization", "Bearer " + samToken));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("access-control-allow-origin")).isNull();
    }

    @Test
    void answersToACrossOriginRequestCarryTheCorsHeadersErrorsIncluded() throws Exception {
        GatewayResponse ok = gateway.handle(request("GET", "/api/echo/items", null, null,
                "Origin", "https://app.example", "Authorization", "Bearer " + samToken));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("access-control-allow-origin")).isIn("*", "https://app.example");
        assertThat(ok.header("access-control-expose-headers")).contains("Location");

        GatewayResponse unauthorized = gateway.handle(request("GET", "/api/echo/items", null, null,
                "Origin", "https://app.example"));
        problem(unauthorized, 401);
        assertThat(unauthorized.header("access-control-allow-origin")).as("so the browser lets the app read the 401")
                .isIn("*", "https://app.example");
        assertThat(gateway.handle(request("GET", "/api/echo/items", null, null, "Authorization", "Bearer " + samToken))
                .header("access-control-allow-origin")).as("no Origin, no CORS headers").isNull();
    }

    @Test
    void theLogNeverShowsASecretOfTheQuery() {
        String verifyToken = "verify-" + System.nanoTime();
        String secretToken = "secret-" + System.nanoTime();
        try (CapturedOutput log = CapturedOutput.start()) {
            gateway.handle(request("GET", "/api/echo/health", "hub.mode=subscribe&hub.verify_token=" + verifyToken
                    + "&hub.challenge=42&secret_token=" + secretToken, null));
            gateway.handle(request("GET", "/api/nothing/bot7000000001:AAFsecretpart/sendMessage",
                    "access_token=" + secretToken, null));
            assertThat(log.text()).contains("hub.verify_token=***").contains("hub.challenge=42")
                    .contains("/bot7000000001:***/sendMessage")
                    .doesNotContain(verifyToken).doesNotContain(secretToken).doesNotContain("AAFsecretpart");
        }
    }
}
