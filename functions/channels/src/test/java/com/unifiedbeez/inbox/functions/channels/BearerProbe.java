package com.unifiedbeez.inbox.functions.channels;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.testing.Fixtures;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test probe that makes a real HTTP call: the connection's token as bearer to the stand-in
 * platform; healthy when it answers 2xx. The channel adapters' own probes replace it in production.
 * A generated webhook secret, when there is one, travels along as Telegram's setWebhook carries it.
 * onDisconnect records each call (and can be told to fail) so the disconnect flow can be checked.
 */
record BearerProbe(Channel channel, String secretName, String baseUrl, PlatformHttp http) implements ConnectionProbe {
    /** One onDisconnect call: the connection handed over, and whether its row still held credentials then. */
    record Release(ChannelConnection connection, boolean credentialsStored) {
    }

    private static final List<Release> RELEASES = new CopyOnWriteArrayList<>();
    private static final Set<String> FAILING_RELEASE = ConcurrentHashMap.newKeySet();

    /** The onDisconnect calls for this connection. */
    static List<Release> releasesOf(String connectionId) {
        return RELEASES.stream().filter(r -> r.connection().id().toString().equals(connectionId)).toList();
    }

    /** Makes onDisconnect throw for this platform account, as a probe whose platform call blew up. */
    static void failReleaseOf(String externalId) {
        FAILING_RELEASE.add(externalId);
    }

    @Override
    public void onDisconnect(ChannelConnection connection) {
        RELEASES.add(new Release(connection, Fixtures.onTestDatabase().count("SELECT count(*) FROM channel_connections"
                + " WHERE id = ? AND credentials_encrypted IS NOT NULL", connection.id()) == 1));
        if (FAILING_RELEASE.contains(connection.externalId())) {
            throw new IllegalStateException("release of " + connection.externalId() + " failed at the stand-in platform");
        }
    }

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
