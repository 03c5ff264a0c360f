package com.unifiedbeez.inbox.local.sandbox;

import com.unifiedbeez.inbox.local.gateway.Redaction;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires webhooks at our own endpoint ({base}/api/webhooks/{channel}) signed as each platform signs
 * them, now (a customer's message) or a short delay apart on a background thread (the delivery
 * callbacks that follow a send). Every delivery is recorded in the outbox with our status code.
 */
final class WebhookSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("sandbox");

    /** A webhook as fired: where, with which headers, and what our endpoint answered (0: not reached). */
    record Fired(String url, Map<String, String> headers, Object payload, int status) {
    }

    private final Supplier<String> webhookBase;
    private final String metaAppSecret;
    private final Duration delay;
    private final Outbox outbox;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-callbacks");
        t.setDaemon(true);
        return t;
    });

    WebhookSender(Supplier<String> webhookBase, String metaAppSecret, Duration delay, Outbox outbox) {
        this.webhookBase = webhookBase;
        this.metaAppSecret = metaAppSecret;
        this.delay = delay;
        this.outbox = outbox;
    }

    String webhookUrl(String channel) {
        return webhookBase.get() + "/api/webhooks/" + channel;
    }

    /** A Meta webhook (WhatsApp, Messenger, Instagram): JSON signed with the app secret. */
    Fired meta(String channel, String kind, Object payload) {
        byte[] body = Json.write(payload).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Hub-Signature-256", Signatures.metaSha256(metaAppSecret, body));
        headers.put("X-Hub-Signature", Signatures.metaSha1(metaAppSecret, body));
        return post(channel, kind, webhookUrl(channel), headers, body, payload, headers);
    }

    /** A Telegram Update with the secret token setWebhook registered (shown redacted). */
    Fired telegram(String kind, Object update, String secretToken) {
        byte[] body = Json.write(update).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Telegram-Bot-Api-Secret-Token", secretToken);
        Map<String, String> shown = new LinkedHashMap<>(headers);
        shown.put("X-Telegram-Bot-Api-Secret-Token", redact(secretToken));
        return post("telegram", kind, webhookUrl("telegram"), headers, body, update, shown);
    }

    /** A Twilio request: a form signed over the full URL and the sorted parameters with the auth token. */
    Fired twilio(String kind, String url, Map<String, String> params, String authToken) {
        byte[] body = HttpForms.encode(params).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        headers.put("X-Twilio-Signature", Signatures.twilio(authToken, url, params));
        headers.put("I-Twilio-Idempotency-Token", java.util.UUID.randomUUID().toString());
        return post("sms", kind, url, headers, body, params, headers);
    }

    /** Runs the steps one after another, the configured delay apart, the first after one delay. */
    void later(List<Runnable> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Runnable step = steps.get(i);
            later.schedule(() -> {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    LOG.warn("sandbox callback failed: {}", e.toString());
                }
            }, delay.toMillis() * (i + 1), TimeUnit.MILLISECONDS);
        }
    }

    private Fired post(String channel, String kind, String url, Map<String, String> headers, byte[] body,
                       Object payload, Map<String, String> shownHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        request.header("User-Agent", "UnifiedBeez-Sandbox/1.0 (" + channel + ")");
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            LOG.warn("sandbox {} {} to {}: not delivered ({})", channel, kind, Redaction.url(url), e.getClass().getName());
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        LOG.info("sandbox {} {} -> {} {}", channel, kind, Redaction.url(url), status);
        outbox.webhook(channel, new Outbox.Webhook(Instant.now(), kind, Redaction.url(url), payload, status));
        return new Fired(url, shownHeaders, payload, status);
    }

    static String redact(String secret) {
        if (secret == null) {
            return null;
        }
        int cut = secret.indexOf('_');
        return (cut > 0 ? secret.substring(0, cut + 1) : "") + "***";
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
