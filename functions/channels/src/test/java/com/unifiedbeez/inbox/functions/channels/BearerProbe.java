package com.unifiedbeez.inbox.functions.channels;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.connection.ConnectionProbe;
import com.unifiedbeez.inbox.connection.HealthReport;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A test probe that makes a real HTTP call: the connection's token as bearer to the stand-in
 * platform; healthy when it answers 2xx. The channel adapters' own probes replace it in production.
 * A generated webhook secret, when there is one, travels along as Telegram's setWebhook carries it.
 */
record BearerProbe(Channel channel, String secretName, String baseUrl, PlatformHttp http) implements ConnectionProbe {
    @Override
    public HealthReport check(ChannelConnection connection) {
        var token = connection.secrets().get(secretName);
        if (token.isEmpty()) {
            return HealthReport.of(List.of(new HealthReport.Check("credentials", false, "no " + secretName + " stored")));
        }
        var request = PlatformHttp.request(baseUrl + "/check/" + channel.wireName() + "/"
                        + URLEncoder.encode(connection.externalId(), StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + token.get());
        connection.secrets().get("webhookSecret").ifPresent(secret -> request.header("X-Webhook-Secret", secret));
        try {
            PlatformHttp.Answer answer = http.exchange(request.GET().build());
            return HealthReport.of(List.of(new HealthReport.Check("token", answer.ok(),
                    answer.ok() ? "accepted" : "platform answered " + answer.status() + ": " + answer.text())));
        } catch (IOException e) {
            return HealthReport.of(List.of(new HealthReport.Check("reachable", false, "platform not reached")));
        }
    }
}
