package com.unifiedbeez.inbox.webhook;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.InboundQueue;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A webhook delivery in, a fast answer out: GET is the platform's subscription handshake; POST is
 * verified by the channel's adapter and its units queued on the inbound FIFO queue, nothing more.
 * Normalization happens behind the queue, so a platform never waits on our database.
 */
@Singleton
public final class WebhookIntake {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
    /**
     * Twilio reads the answer to an incoming-SMS webhook as instructions: text/plain would be texted
     * back to the customer, JSON is error 12300. An empty TwiML document does nothing
     * (https://www.twilio.com/docs/messaging/twiml).
     */
    static final String UNVERIFIED = "the delivery's signature does not verify for this endpoint";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final ConnectionDirectory connections;
    private final InboundQueue queue;
    private final Clock clock;

    @Inject
    public WebhookIntake(ConnectionDirectory connections, InboundQueue queue) {
        this(connections, queue, Clock.systemUTC());
    }

    WebhookIntake(ConnectionDirectory connections, InboundQueue queue, Clock clock) {
        this.connections = connections;
        this.queue = queue;
        this.clock = clock;
    }

    public WebhookResponse handle(WebhookRequest request, WebhookAdapter adapter) {
        String instance = path(request.url());
        return switch (request.method()) {
            case "GET" -> verify(request.query(), adapter, instance);
            case "POST" -> receive(request, adapter, instance);
            default -> WebhookResponse.problem(405, "method-not-allowed", "Method not allowed",
                    "webhooks take GET (subscription handshake) and POST (deliveries)", instance);
        };
    }

    private static WebhookResponse verify(Map<String, String> query, WebhookAdapter adapter, String instance) {
        return adapter.verifySubscription(query)
                .map(challenge -> WebhookResponse.text(200, challenge))
                .orElseGet(() -> {
                    LOG.warn("{} webhook: subscription handshake refused", adapter.channel().wireName());
                    return WebhookResponse.problem(403, "webhook-verification-failed", "Forbidden",
                            "not a valid subscription handshake for this endpoint", instance);
                });
    }

    private WebhookResponse receive(WebhookRequest request, WebhookAdapter adapter, String instance) {
        String channel = adapter.channel().wireName();
        List<WebhookUnit> units;
        try {
            units = adapter.validateWebhook(request, connections);
        } catch (WebhookRejected e) {
            LOG.warn("{} webhook rejected ({}): {}", channel, e.status(), e.getMessage());
            // Every 401 reads the same, whatever its reason (no signature, a wrong one, an account not
            // connected here): a caller learns nothing about which accounts exist. The log says why.
            return e.status() == 401
                    ? WebhookResponse.problem(401, e.type(), "Unauthorized", UNVERIFIED, instance)
                    : WebhookResponse.problem(e.status(), e.type(), "Bad request", e.getMessage(), instance);
        }
        if (units.isEmpty()) {
            // Meta: accounts not connected here were left out (and logged) under a valid app signature; a 2xx
            // stops the retries. (Telegram and Twilio sign per account: an unknown one is refused above.)
            return acknowledge(adapter.channel(), 0);
        }
        Instant now = clock.instant();
        List<InboundEnvelope> envelopes = units.stream()
                .map(u -> new InboundEnvelope(channel, u.connection().id(), u.connection().organizationId(),
                        u.customer(), now, u.payload()))
                .toList();
        try {
            queue.enqueue(envelopes);
        } catch (RuntimeException e) {
            // Not taken: a 5xx makes the platform deliver again (queue deduplication absorbs a partial send).
            LOG.error("{} webhook: enqueue of {} envelopes failed", channel, envelopes.size(), e);
            return WebhookResponse.problem(500, "internal", "Internal error",
                    "the delivery could not be queued; deliver it again", instance);
        }
        return acknowledge(adapter.channel(), envelopes.size());
    }

    private static WebhookResponse acknowledge(Channel channel, int received) {
        return channel == Channel.SMS
                ? WebhookResponse.xml(200, EMPTY_TWIML)
                : WebhookResponse.json(200, Map.of("received", received));
    }

    private static String path(String url) {
        try {
            return URI.create(url).getRawPath();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
