package com.unifiedbeez.inbox.local.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.unifiedbeez.inbox.local.DevTokens;
import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.local.LocalOptions;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.testing.ApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local runtime over real HTTP: the contract at /openapi.yaml and its reference at /docs with
 * every file the page loads served from the runtime itself (no token, nothing from elsewhere), and
 * the runtime's own answers to the demo data keep the contract.
 */
class ApiReferenceTest {
    static final String SECRET = "api-reference-test";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final ApiContract CONTRACT = ApiContract.get();

    @TempDir
    static Path data;
    static LocalInbox inbox;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        Path template = RepoPaths.findTemplate(Path.of("")).orElseThrow();
        inbox = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withTemplate(template).withJwtSecret(SECRET));
        token = DevTokens.mint(SECRET, DemoSeed.SAM);
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(inbox.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A call to the API whose answer must keep the contract. */
    static HttpResponse<String> api(String method, String path, String authorization) throws Exception {
        HttpResponse<String> response = send(method, path, authorization);
        String template = CONTRACT.pathTemplate(method, URI.create(path).getPath()).orElseThrow(
                () -> new AssertionError(method + " " + path + " is not in the contract"));
        CONTRACT.check(method, template, response.statusCode(), response.headers().firstValue("content-type")
                .orElse(null), response.body());
        return response;
    }

    @Test
    void theContractIsServedAsYamlWithoutAToken() throws Exception {
        HttpResponse<String> response = send("GET", "/openapi.yaml", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/yaml; charset=utf-8");
        assertThat(response.body()).isEqualTo(Files.readString(RepoPaths.root(Path.of("")).resolve(ApiContract.RESOURCE)));
        JsonNode served = new ObjectMapper(new YAMLFactory()).readTree(response.body());
        assertThat(served.path("openapi").asText()).startsWith("3.1");
    }

    @Test
    void theRealtimeContractItRefersToIsServedBesideIt() throws Exception {
        HttpResponse<String> response = send("GET", "/asyncapi.yaml", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Files.readString(RepoPaths.root(Path.of(""))
                .resolve(com.unifiedbeez.inbox.testing.RealtimeContract.RESOURCE)));
        assertThat(send("GET", "/openapi.yaml", null).body()).contains("'asyncapi.yaml#/components/schemas/");
    }

    @Test
    void theReferencePageLoadsOnlyFilesOfThisRuntimeAndEachIsServed() throws Exception {
        HttpResponse<String> page = send("GET", "/docs", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(send("GET", "/docs/", null).body()).isEqualTo(page.body());
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        int files = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            assertThat(ref).as("the page loads nothing from elsewhere").startsWith("/docs/");
            HttpResponse<String> file = send("GET", ref, null);
            assertThat(file.statusCode()).as(ref).isEqualTo(200);
            String expected = ref.endsWith(".js") ? "text/javascript" : ref.endsWith(".css") ? "text/css" : "image/png";
            assertThat(file.headers().firstValue("content-type").orElseThrow()).as(ref).startsWith(expected);
            assertThat(file.body()).as(ref).isNotEmpty();
            files++;
        }
        assertThat(files).isGreaterThanOrEqualTo(4);
        assertThat(send("GET", "/docs/init.js", null).body()).contains("url: '/openapi.yaml'")
                .contains("validatorUrl: null");
        assertThat(send("GET", "/docs/swagger-ui-bundle.js", null).body()).contains("SwaggerUIBundle");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    /docs/../openapi.yaml,        404",
            "GET,    /docs/swagger-initializer.js,  404",
            "GET,    /docs/nothing.js,              404",
            "POST,   /docs,                         405",
            "DELETE, /openapi.yaml,                 405"})
    void otherFilesAndMethodsAreProblems(String method, String path, int status) throws Exception {
        HttpResponse<String> response = send(method, path, null);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void theRuntimesAnswersKeepTheContract() throws Exception {
        String bearer = "Bearer " + token;
        JsonNode page = JSON.readTree(api("GET", "/api/inbox/conversations?view=all&limit=5", bearer).body());
        String id = page.path("items").get(0).path("id").asText();
        api("GET", "/api/inbox/conversations/" + id, bearer);
        api("GET", "/api/inbox/conversations/search?q=refund", bearer);
        api("GET", "/api/inbox/messages/" + id + "?limit=3", bearer);
        api("GET", "/api/inbox/messages/search?q=order", bearer);
        api("GET", "/api/inbox/channels", bearer);
        api("GET", "/api/channels", bearer);
        api("PATCH", "/api/inbox/conversations/" + id + "/read", bearer);
        assertThat(api("GET", "/api/inbox/conversations/" + id, null).statusCode()).isEqualTo(401);
        assertThat(api("GET", "/api/inbox/conversations/not-an-id", bearer).statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/inbox/conversations?limit=0", bearer).statusCode()).isEqualTo(422);
        assertThat(api("GET", "/api/webhooks/telegram", null).statusCode()).isEqualTo(403);
        assertThat(api("GET", "/api/inbox/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
                null).statusCode()).isEqualTo(403);
    }
}
