package com.unifiedbeez.inbox.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.DevTokens;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.testing.EchoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway without the HTTP server: routing, the JWT authorizer, the event, the answer. */
class GatewayTest {
    static final String SECRET = "gateway-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    Gateway gateway;
    String samToken;

    @BeforeEach
    void setUp() throws Exception {
        gateway = new Gateway(SamTemplate.load(SamTemplateTest.fixture()).httpRoutes(), new JwtAuthorizer(SECRET),
                "localhost:3000");
        samToken = DevTokens.mint(SECRET, DemoSeed.SAM);
    }

    static GatewayRequest get(String path, String query, String... headers) {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(Map.entry(headers[i], headers[i + 1]));
        }
        return new GatewayRequest("GET", path, query, h, null, "127.0.0.1", "HTTP/1.1");
    }

    static JsonNode json(GatewayResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    void assertUnauthorizedWithoutInvoking(GatewayRequest request, String detailPart) throws Exception {
        int before = EchoHandler.INVOCATIONS.get();
        GatewayResponse response = gateway.handle(request);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        assertThat(response.header("www-authenticate")).startsWith("Bearer error=");
        JsonNode body = json(response);
        assertThat(body.get("type").asText()).endsWith("/unauthorized");
        assertThat(body.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("detail").asText()).contains(detailPart);
        assertThat(body.get("message").asText()).isEqualTo("Unauthorized");
        assertThat(EchoHandler.INVOCATIONS.get()).as("the function must not run").isEqualTo(before);
    }

    @Test
    void missingTokenIs401AndTheFunctionNeverRuns() throws Exception {
        assertUnauthorizedWithoutInvoking(get("/api/echo/items", null), "no Authorization header");
        assertUnauthorizedWithoutInvoking(get("/api/echo/items", null, "Authorization", "Bearer "), "no token");
    }

    @Test
    void forgedTokenIs401() throws Exception {
        String forged = DevTokens.mint("some-other-secret", DemoSeed.SAM);
        assertUnauthorizedWithoutInvoking(get("/api/echo/items", null, "Authorization", "Bearer " + forged), "signature");
        // a valid token's payload swapped for another claim set keeps the signature of the first
        String[] parts = samToken.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"x\",\"org_id\":\"y\",\"role\":\"admin\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertUnauthorizedWithoutInvoking(get("/api/echo/items", null, "Authorization", "Bearer " + tampered), "signature");
        assertUnauthorizedWithoutInvoking(get("/api/echo/items", null, "Authorization", "Bearer not.a.jwt"), "well-formed");
        String none = JWT.create().withSubject("x").sign(Algorithm.none());
        assertUnauthorizedWithoutInvoking(get("/api/echo/items", null, "Authorization", "Bearer " + none), "HS256");
    }

    @Test
    void expiredTokenIs401() throws Exception {
        String expired = DevTokens.mint(SECRET, DemoSeed.SAM.id(), DemoSeed.ACME_ORG, "agent", "Sam Agent",
                Instant.now().minusSeconds(60));
        assertUnauthorizedWithoutInvoking(get("/api/echo/items/1", null, "authorization", "Bearer " + expired), "expired");
    }

    @Test
    void validTokenClaimsArriveInTheRequestContext() throws Exception {
        GatewayResponse response = gateway.handle(get("/api/echo/items/42", null, "Authorization", "Bearer " + samToken));
        assertThat(response.status()).isEqualTo(200);
        JsonNode claims = json(response).get("claims");
        assertThat(claims.get("sub").asText()).isEqualTo(DemoSeed.SAM.id().toString());
        assertThat(claims.get("org_id").asText()).isEqualTo(DemoSeed.ACME_ORG.toString());
        assertThat(claims.get("role").asText()).isEqualTo("agent");
        assertThat(claims.get("name").asText()).isEqualTo("Sam Agent");
        assertThat(claims.get("exp").asText()).matches("\\d+");
        assertThat(EchoHandler.lastEvent.getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("sub", DemoSeed.SAM.id().toString())
                .containsEntry("org_id", DemoSeed.ACME_ORG.toString())
                .containsEntry("role", "agent");
    }

    @Test
    void scopesAndNonStringClaimsAreFlattenedLikeApiGateway() throws Exception {
        String token = JWT.create().withIssuer(DevTokens.ISSUER).withAudience(DevTokens.AUDIENCE)
                .withSubject("u1").withClaim("scope", "inbox.read inbox.write")
                .withClaim("groups", List.of("a", "b")).withClaim("admin", true)
                .withExpiresAt(Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
        GatewayResponse response = gateway.handle(get("/api/echo/items", null, "Authorization", "Bearer " + token));
        JsonNode body = json(response);
        assertThat(body.get("claims").get("groups").asText()).isEqualTo("[a b]");
        assertThat(body.get("claims").get("admin").asText()).isEqualTo("true");
        assertThat(body.get("scopes")).hasSize(2);
        assertThat(body.get("scopes").get(0).asText()).isEqualTo("inbox.read");
    }

    @Test
    void routeWithAuthorizerNoneNeedsNoToken() throws Exception {
        GatewayResponse response = gateway.handle(get("/api/echo/health", null));
        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("claims").isNull()).isTrue();
    }

    @Test
    void buildsThePayloadV2Event() throws Exception {
        GatewayResponse response = gateway.handle(get("/api/echo/items/search", "q=refund%20please&tag=a&tag=b&empty",
                "Authorization", "Bearer " + samToken, "X-Custom", "one", "x-custom", "two", "User-Agent", "curl/8",
                "Cookie", "a=1; b=2"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-echo")).isEqualTo("yes");
        assertThat(response.header("apigw-requestid")).isNotBlank();
        JsonNode e = json(response);
        assertThat(e.get("version").asText()).isEqualTo("2.0");
        assertThat(e.get("routeKey").asText()).isEqualTo("GET /api/echo/items/search");
        assertThat(e.get("rawPath").asText()).isEqualTo("/api/echo/items/search");
        assertThat(e.get("rawQueryString").asText()).isEqualTo("q=refund%20please&tag=a&tag=b&empty");
        assertThat(e.get("queryStringParameters").get("q").asText()).isEqualTo("refund please");
        assertThat(e.get("queryStringParameters").get("tag").asText()).isEqualTo("a,b");
        assertThat(e.get("queryStringParameters").get("empty").asText()).isEmpty();
        assertThat(e.get("pathParameters").isNull()).isTrue();
        assertThat(e.get("headers").get("x-custom").asText()).isEqualTo("one,two");
        assertThat(e.get("headers").get("authorization").asText()).startsWith("Bearer ");
        assertThat(e.get("headers").has("X-Custom")).isFalse();
        assertThat(e.get("headers").has("cookie")).isFalse();
        assertThat(e.get("cookies").get(0).asText()).isEqualTo("a=1");
        assertThat(e.get("cookies").get(1).asText()).isEqualTo("b=2");
        assertThat(e.get("requestContext.routeKey").asText()).isEqualTo("GET /api/echo/items/search");
        assertThat(e.get("requestContext.stage").asText()).isEqualTo("$default");
        assertThat(e.get("requestContext.requestId").asText()).isEqualTo(response.header("apigw-requestid"));
        assertThat(e.get("requestContext.http.method").asText()).isEqualTo("GET");
        assertThat(e.get("requestContext.http.path").asText()).isEqualTo("/api/echo/items/search");
        assertThat(e.get("requestContext.http.sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(e.get("requestContext.http.userAgent").asText()).isEqualTo("curl/8");
        assertThat(e.get("functionName").asText()).isEqualTo("EchoFunction");
        assertThat(e.get("remainingMs").asInt()).isBetween(14_000, 15_000);
        assertThat(EchoHandler.lastEvent.getRequestContext().getTime()).matches("\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
    }

    @Test
    void pathParametersAndGreedyProxy() throws Exception {
        JsonNode e = json(gateway.handle(get("/api/echo/items/0190-a%2Fb", null, "Authorization", "Bearer " + samToken)));
        assertThat(e.get("routeKey").asText()).isEqualTo("GET /api/echo/items/{id}");
        assertThat(e.get("pathParameters").get("id").asText()).isEqualTo("0190-a/b");
        JsonNode spaced = json(gateway.handle(get("/api/echo/items/late%20order", null, "Authorization", "Bearer " + samToken)));
        assertThat(spaced.get("pathParameters").get("id").asText()).isEqualTo("late order");
        assertThat(spaced.get("rawPath").asText()).isEqualTo("/api/echo/items/late order");
        assertThat(spaced.get("requestContext.http.path").asText()).isEqualTo("/api/echo/items/late order");

        GatewayRequest delete = new GatewayRequest("DELETE", "/api/echo/files/a/b/c.txt", null,
                List.of(Map.entry("authorization", "Bearer " + samToken)), null, "127.0.0.1", "HTTP/1.1");
        JsonNode f = json(gateway.handle(delete));
        assertThat(f.get("routeKey").asText()).isEqualTo("ANY /api/echo/files/{proxy+}");
        assertThat(f.get("pathParameters").get("proxy").asText()).isEqualTo("a/b/c.txt");
    }

    @Test
    void textBodiesAsTextBinaryBodiesAsBase64() throws Exception {
        byte[] json = "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
        GatewayRequest post = new GatewayRequest("POST", "/api/echo/items/7", null,
                List.of(Map.entry("authorization", "Bearer " + samToken), Map.entry("Content-Type", "application/json; charset=utf-8")),
                json, "127.0.0.1", "HTTP/1.1");
        JsonNode e = json(gateway.handle(post));
        assertThat(e.get("body").asText()).isEqualTo("{\"name\":\"Zoë\"}");
        assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF};
        GatewayRequest upload = new GatewayRequest("POST", "/api/echo/items/7", null,
                List.of(Map.entry("authorization", "Bearer " + samToken), Map.entry("content-type", "image/png")),
                png, "127.0.0.1", "HTTP/1.1");
        JsonNode u = json(gateway.handle(upload));
        assertThat(u.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(u.get("body").asText())).isEqualTo(png);
    }

    @Test
    void writesBase64AndMultiValueResponses() {
        GatewayResponse binary = gateway.handle(get("/api/echo/items/binary", null, "Authorization", "Bearer " + samToken));
        assertThat(binary.body()).containsExactly(0, 1, 0xFE, 0xFF);
        assertThat(binary.header("content-type")).isEqualTo("application/octet-stream");

        GatewayResponse multi = gateway.handle(get("/api/echo/items/multi", null, "Authorization", "Bearer " + samToken));
        assertThat(multi.status()).isEqualTo(201);
        assertThat(multi.headers()).contains(Map.entry("x-multi", "a"), Map.entry("x-multi", "b"),
                Map.entry("set-cookie", "session=abc; Path=/"), Map.entry("set-cookie", "theme=dark"));
    }

    @Test
    void unknownRouteIs404LikeApiGateway() throws Exception {
        GatewayResponse response = gateway.handle(get("/api/nothing/here", null, "Authorization", "Bearer " + samToken));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        JsonNode body = json(response);
        assertThat(body.get("message").asText()).isEqualTo("Not Found");
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("detail").asText()).contains("GET /api/nothing/here");
        // a known path with another method is not a route either
        assertThat(gateway.handle(new GatewayRequest("DELETE", "/api/echo/items", null, List.of(), null, "127.0.0.1",
                "HTTP/1.1")).status()).isEqualTo(404);
    }

    @Test
    void handlerExceptionIs500ProblemJson() throws Exception {
        GatewayResponse response = gateway.handle(get("/api/echo/boom", null, "Authorization", "Bearer " + samToken));
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        JsonNode body = json(response);
        assertThat(body.get("title").asText()).isEqualTo("Internal Server Error");
        assertThat(body.get("message").asText()).isEqualTo("Internal Server Error");
        assertThat(body.get("detail").asText()).contains("FailingFunction").doesNotContain("boom");
    }

    @Test
    void eachFunctionIsInstantiatedOnceAndLazily() {
        int before = EchoHandler.INSTANCES.get();
        Gateway fresh = new Gateway(gateway == null ? List.of() : routes(), new JwtAuthorizer(SECRET), "localhost");
        assertThat(EchoHandler.INSTANCES.get()).as("nothing built before the first request").isEqualTo(before);
        for (int i = 0; i < 5; i++) {
            fresh.handle(get("/api/echo/items/" + i, null, "Authorization", "Bearer " + samToken));
            fresh.handle(get("/api/echo/health", null));
        }
        assertThat(EchoHandler.INSTANCES.get()).isEqualTo(before + 1);
    }

    private static List<SamTemplate.HttpRoute> routes() {
        try {
            return SamTemplate.load(SamTemplateTest.fixture()).httpRoutes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
