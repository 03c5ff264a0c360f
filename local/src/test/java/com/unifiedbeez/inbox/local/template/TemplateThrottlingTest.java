package com.unifiedbeez.inbox.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * template.yaml throttles the HTTP API: default route settings from parameters, and tighter
 * settings on every public webhook route and on the channel routes that call a platform (connect,
 * health). Every route setting names a real route: API Gateway refuses a stage whose RouteSettings
 * name a route it does not have.
 */
class TemplateThrottlingTest {
    private static final Path TEMPLATE = RepoPaths.findTemplate(Path.of("")).orElseThrow();
    private final SamTemplate template = SamTemplate.load(TEMPLATE);
    private final JsonNode api = api();

    private static JsonNode api() {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
            return root.path("Resources").path("InboxHttpApi").path("Properties");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> routeKeys() {
        return template.httpRoutes().stream().map(SamTemplate.HttpRoute::routeKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void everyRouteHasADefaultThrottleFromParameters() {
        JsonNode defaults = api.path("DefaultRouteSettings");
        assertThat(defaults.path("ThrottlingBurstLimit").asText()).isEqualTo("ApiThrottlingBurstLimit");
        assertThat(defaults.path("ThrottlingRateLimit").asText()).isEqualTo("ApiThrottlingRateLimit");
        assertThat(template.parameterDefaults()).containsKeys("ApiThrottlingBurstLimit", "ApiThrottlingRateLimit");
    }

    @Test
    void webhooksAndChannelChecksAreHeldTighter() {
        JsonNode settings = api.path("RouteSettings");
        Set<String> webhooks = routeKeys().stream().filter(k -> k.contains("/webhooks/")).collect(Collectors.toSet());
        Set<String> checks = routeKeys().stream()
                .filter(k -> k.matches("POST /api(/inbox)?/channels/\\w+") || k.endsWith("/{id}/health"))
                .collect(Collectors.toSet());
        assertThat(webhooks).hasSize(20);
        assertThat(checks).hasSize(12);
        webhooks.forEach(k -> assertThat(settings.path(k).path("ThrottlingRateLimit").asText()).as(k)
                .isEqualTo("WebhookThrottlingRateLimit"));
        checks.forEach(k -> assertThat(settings.path(k).path("ThrottlingRateLimit").asText()).as(k)
                .isEqualTo("ChannelCheckThrottlingRateLimit"));
        int api = Integer.parseInt(template.parameterDefaults().get("ApiThrottlingRateLimit"));
        assertThat(Integer.parseInt(template.parameterDefaults().get("WebhookThrottlingRateLimit"))).isLessThan(api);
        assertThat(Integer.parseInt(template.parameterDefaults().get("ChannelCheckThrottlingRateLimit")))
                .isLessThan(Integer.parseInt(template.parameterDefaults().get("WebhookThrottlingRateLimit")));
    }

    @Test
    void everyRouteSettingNamesARouteOfTheTemplate() {
        Set<String> named = new LinkedHashSet<>();
        api.path("RouteSettings").fieldNames().forEachRemaining(named::add);
        assertThat(routeKeys()).containsAll(named);
    }
}
