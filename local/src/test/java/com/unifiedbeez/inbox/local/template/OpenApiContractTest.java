package com.unifiedbeez.inbox.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.testing.ApiContract;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * openapi/openapi.yaml and template.yaml cannot drift apart: every HttpApi route of the template is
 * an operation of the document and every operation a route, with the same path parameters and the
 * same guard (JWT or none); the document is valid OpenAPI 3.1; and every problem type the code can
 * answer is one the document names. (That every answer keeps the document is checked where the tests
 * receive them: shared's testing.ApiContract.)
 */
class OpenApiContractTest {
    static final Path ROOT = RepoPaths.root(Path.of(""));
    static final SamTemplate TEMPLATE = SamTemplate.load(RepoPaths.findTemplate(Path.of("")).orElseThrow());
    static final ApiContract CONTRACT = ApiContract.get();
    static final JsonNode DOCUMENT = CONTRACT.document();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** Where the code names a problem type: ApiException, conflict(...), the webhook and gateway problem builders. */
    private static final Pattern PROBLEM_TYPE = Pattern.compile(
            "(?:ApiException|conflict|problem|WebhookRejected)\\((?:\\d+, )?\"([a-z0-9]+(?:-[a-z0-9]+)*)\"");

    static Stream<SamTemplate.HttpRoute> routes() {
        return TEMPLATE.httpRoutes().stream();
    }

    @Test
    void everyTemplateRouteIsDocumentedAndNothingElse() {
        Set<String> template = TEMPLATE.httpRoutes().stream().map(SamTemplate.HttpRoute::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(template).hasSizeGreaterThanOrEqualTo(57);
        assertThat(new TreeSet<>(CONTRACT.routeKeys())).isEqualTo(template);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void pathParametersAreDeclaredByTheirTemplateNames(SamTemplate.HttpRoute route) {
        Set<String> inPath = new TreeSet<>();
        Matcher m = PATH_PARAMETER.matcher(route.path());
        while (m.find()) {
            inPath.add(m.group(1));
        }
        JsonNode item = resolve(DOCUMENT.path("paths").path(route.path()));
        JsonNode operation = item.path(route.method().toLowerCase());
        Set<String> declared = new TreeSet<>();
        for (JsonNode parameters : new JsonNode[] {item.path("parameters"), operation.path("parameters")}) {
            for (JsonNode p : parameters) {
                JsonNode parameter = resolve(p);
                if ("path".equals(parameter.path("in").asText())) {
                    assertThat(parameter.path("required").asBoolean()).as(route.routeKey() + " " + parameter).isTrue();
                    declared.add(parameter.path("name").asText());
                }
            }
        }
        assertThat(declared).as(route.routeKey()).isEqualTo(inPath);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void theDocumentGuardsARouteAsTheTemplateDoes(SamTemplate.HttpRoute route) {
        JsonNode operation = resolve(DOCUMENT.path("paths").path(route.path())).path(route.method().toLowerCase());
        JsonNode security = operation.has("security") ? operation.get("security") : DOCUMENT.path("security");
        boolean needsToken = security.size() > 0 && security.findValues("bearerAuth").size() == security.size();
        assertThat(needsToken).as(route.routeKey() + " needs a JWT").isEqualTo(route.authorized());
        JsonNode responses = operation.path("responses");
        if (route.authorized()) {
            // the caller checks (token, membership, role) answer 401/403 on any route
            assertThat(responses.has("401") && responses.has("403")).as(route.routeKey() + " documents 401 and 403")
                    .isTrue();
        }
        assertThat(responses.has("500")).as(route.routeKey() + " documents 500").isTrue();
    }

    @Test
    void theDocumentIsValidOpenApi31() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        // read from its file, so the references into asyncapi.yaml beside it resolve
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(
                ROOT.resolve(ApiContract.RESOURCE).toUri().toString(), null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1.");
        assertThat(result.getOpenAPI().getPaths()).hasSize(DOCUMENT.path("paths").size());
        // operation ids, where given, are unique
        assertThat(DOCUMENT.findValuesAsText("operationId")).doesNotHaveDuplicates();
    }

    @Test
    void theClasspathDocumentIsTheRepositorysFile() throws IOException {
        try (var in = getClass().getClassLoader().getResourceAsStream(ApiContract.RESOURCE)) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(ROOT.resolve(ApiContract.RESOURCE)));
        }
    }

    @Test
    void everyProblemTypeTheCodeAnswersIsDocumented() throws IOException {
        Set<String> emitted = new TreeSet<>();
        for (String module : new String[] {"shared", "functions", "local"}) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("src/main/java"))
                        .toList()) {
                    Matcher m = PROBLEM_TYPE.matcher(Files.readString(file));
                    while (m.find()) {
                        emitted.add(m.group(1));
                    }
                }
            }
        }
        assertThat(emitted).as("problem types found in the code").contains("not-found", "validation-failed",
                "invalid-status-transition", "webhook-signature-invalid", "unauthorized");
        Set<String> documented = new TreeSet<>();
        DOCUMENT.at("/components/schemas/Problem/properties/type/examples")
                .forEach(t -> documented.add(t.asText().substring(t.asText().lastIndexOf('/') + 1)));
        assertThat(documented).as("Problem.type examples in " + ApiContract.RESOURCE).containsAll(emitted);
    }

    /** A local $ref followed to its target. */
    private static JsonNode resolve(JsonNode node) {
        while (node.path("$ref").isTextual()) {
            node = DOCUMENT.at(node.path("$ref").asText().substring(1));
        }
        return node;
    }
}
