package com.unifiedbeez.inbox.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a template's WebSocket API ({@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET})
 * from its parts as CloudFormation declares them: each {@code AWS::ApiGatewayV2::Route} of the API,
 * its {@code Target} ({@code !Sub integrations/${X}}) naming an {@code AWS::ApiGatewayV2::Integration}
 * whose {@code IntegrationUri} names the function ({@code ${F.Arn}} or {@code ${F.Alias}}); a route is
 * two-way when it has a {@code RouteResponseSelectionExpression} or an {@code AWS::ApiGatewayV2::RouteResponse};
 * the stage is the API's {@code AWS::ApiGatewayV2::Stage}. Short tags read as plain values (see
 * {@link SamTemplate}).
 */
final class WebSocketApiReader {
    static final String API_TYPE = "AWS::ApiGatewayV2::Api";
    static final String ROUTE_TYPE = "AWS::ApiGatewayV2::Route";
    static final String INTEGRATION_TYPE = "AWS::ApiGatewayV2::Integration";
    static final String ROUTE_RESPONSE_TYPE = "AWS::ApiGatewayV2::RouteResponse";
    static final String STAGE_TYPE = "AWS::ApiGatewayV2::Stage";
    /** When the API names none (CloudFormation requires one for a WEBSOCKET API): the usual expression. */
    static final String DEFAULT_SELECTION = "$request.body.action";
    private static final Pattern INTEGRATION_REF = Pattern.compile("integrations/\\$\\{(\\w+)}");
    private static final Pattern FUNCTION_REF = Pattern.compile("\\$\\{(\\w+)\\.(?:Arn|Alias)}");

    private WebSocketApiReader() {
    }

    /** The template's first WebSocket API, if it has one. */
    static Optional<SamTemplate.WebSocketApi> read(JsonNode resources, Set<String> functionNames) {
        String api = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (API_TYPE.equals(type(r.getValue()))
                    && "WEBSOCKET".equalsIgnoreCase(r.getValue().path("Properties").path("ProtocolType").asText())) {
                api = r.getKey();
                break;
            }
        }
        if (api == null) {
            return Optional.empty();
        }
        JsonNode apiProps = resources.path(api).path("Properties");
        String selection = text(apiProps.path("RouteSelectionExpression"), DEFAULT_SELECTION);
        String stage = "$default";
        List<String> routesWithResponse = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            JsonNode props = r.getValue().path("Properties");
            if (!api.equals(props.path("ApiId").asText())) {
                continue;
            }
            if (STAGE_TYPE.equals(type(r.getValue())) && "$default".equals(stage)) {
                stage = text(props.path("StageName"), stage);
            } else if (ROUTE_RESPONSE_TYPE.equals(type(r.getValue()))) {
                routesWithResponse.add(props.path("RouteId").asText());
            }
        }
        List<SamTemplate.WebSocketRoute> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            JsonNode props = r.getValue().path("Properties");
            if (!ROUTE_TYPE.equals(type(r.getValue())) || !api.equals(props.path("ApiId").asText())) {
                continue;
            }
            String key = text(props.path("RouteKey"), null);
            Optional<String> function = function(props.path("Target"), resources, functionNames);
            if (key == null || function.isEmpty()) {
                continue; // not a Lambda proxy route of this template: nothing to run locally
            }
            boolean twoWay = !text(props.path("RouteResponseSelectionExpression"), "").isEmpty()
                    || routesWithResponse.contains(r.getKey());
            routes.add(new SamTemplate.WebSocketRoute(key, function.get(), twoWay));
        }
        return Optional.of(new SamTemplate.WebSocketApi(api, selection, stage, routes));
    }

    /** The function a route's Target leads to, through its integration's IntegrationUri. */
    private static Optional<String> function(JsonNode target, JsonNode resources, Set<String> functionNames) {
        Matcher m = INTEGRATION_REF.matcher(target.asText(""));
        if (!m.find()) {
            return Optional.empty();
        }
        JsonNode integration = resources.path(m.group(1));
        if (!INTEGRATION_TYPE.equals(type(integration))) {
            return Optional.empty();
        }
        JsonNode uri = integration.path("Properties").path("IntegrationUri");
        Matcher f = FUNCTION_REF.matcher(uri.isValueNode() ? uri.asText() : uri.toString());
        while (f.find()) {
            if (functionNames.contains(f.group(1))) {
                return Optional.of(f.group(1));
            }
        }
        return Optional.empty();
    }

    private static String type(JsonNode resource) {
        return resource.path("Type").asText();
    }

    private static String text(JsonNode node, String fallback) {
        return node.isValueNode() && !node.asText().isBlank() ? node.asText().trim() : fallback;
    }
}
