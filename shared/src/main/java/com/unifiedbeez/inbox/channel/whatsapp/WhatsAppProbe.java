package com.unifiedbeez.inbox.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaGraphError;
import com.unifiedbeez.inbox.platform.config.Config;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Health of a WhatsApp connection, by two Graph API reads with its token: the phone number
 * (GET /{phone-number-id}?fields=display_phone_number,verified_name,quality_rating: token valid,
 * number reachable) and the WABA's webhook subscriptions (GET /{waba-id}/subscribed_apps, which
 * answers {"data": [{"whatsapp_business_api_data": {"id", "link", "name"}}]}: empty means Meta
 * delivers no webhooks for this account). Source: developers.facebook.com/docs/graph-api/reference/
 * whats-app-business-account/subscribed_apps and .../whats-app-business-phone-number.
 */
@Singleton
public final class WhatsAppProbe implements ConnectionProbe {
    static final String PHONE_NUMBER = "phone number";
    static final String WEBHOOKS = "webhook subscription";

    private final PlatformHttp http;
    private final String graph;

    @Inject
    public WhatsAppProbe(Config config, PlatformHttp http) {
        this.http = http;
        this.graph = PlatformEndpoints.graphApi(config);
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public HealthReport check(ChannelConnection connection) {
        Check number = get(PHONE_NUMBER, connection,
                "/" + connection.externalId() + "?fields=display_phone_number,verified_name,quality_rating",
                json -> new Check(PHONE_NUMBER, true, json.path("display_phone_number").asText("?") + " "
                        + json.path("verified_name").asText("") + " (quality " + json.path("quality_rating").asText("unknown") + ")"));
        String wabaId = connection.setting("wabaId");
        Check webhooks = wabaId == null || wabaId.isBlank()
                ? new Check(WEBHOOKS, false, "the connection has no wabaId setting")
                : get(WEBHOOKS, connection, "/" + wabaId + "/subscribed_apps", WhatsAppProbe::subscriptions);
        return HealthReport.of(List.of(number, webhooks));
    }

    private static Check subscriptions(JsonNode json) {
        JsonNode apps = json.path("data");
        if (apps.isEmpty()) {
            return new Check(WEBHOOKS, false, "no app is subscribed to this WhatsApp Business Account's webhooks");
        }
        return new Check(WEBHOOKS, true, "subscribed: " + StreamSupport.stream(apps.spliterator(), false)
                .map(a -> a.path("whatsapp_business_api_data").path("name").asText("?"))
                .collect(Collectors.joining(", ")));
    }

    private Check get(String name, ChannelConnection connection, String path, Function<JsonNode, Check> onOk) {
        try {
            PlatformHttp.Answer answer = http.exchange(MetaGraph.request(graph + path,
                    connection.secrets().require(MetaGraph.ACCESS_TOKEN)).GET().build());
            if (!answer.ok()) {
                return new Check(name, false, "Graph API " + answer.status() + ": " + MetaGraphError.of(answer).text());
            }
            return MetaGraph.json(answer).map(onOk).orElse(new Check(name, false, "Graph API answer is not JSON"));
        } catch (IOException e) {
            return new Check(name, false, "Graph API not reached: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) { // a missing token, an unusable id: a failed check, never an exception
            return new Check(name, false, e.getMessage());
        }
    }
}
