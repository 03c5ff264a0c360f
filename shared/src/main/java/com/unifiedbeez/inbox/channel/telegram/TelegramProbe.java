package com.unifiedbeez.inbox.channel.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot's health: getMe (the token works and belongs to the connected bot) and getWebhookInfo
 * (Telegram delivers to our endpoint and reports no delivery error). On connect it registers our
 * webhook with setWebhook first, on disconnect it removes it with deleteWebhook.
 */
public final class TelegramProbe implements ConnectionProbe {
    public static final String WEBHOOK_PATH = "/api/webhooks/telegram";
    /** The Update kinds TelegramWebhook stores; Telegram sends no others to the webhook. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query");
    private static final Logger LOG = LoggerFactory.getLogger(TelegramProbe.class);

    private final BotApi api;
    private final Optional<String> webhookUrl;

    @Inject
    public TelegramProbe(Config config, PlatformHttp http) {
        this.api = new BotApi(http, PlatformEndpoints.telegramApi(config));
        this.webhookUrl = PlatformEndpoints.webhookBase(config).map(base -> base + WEBHOOK_PATH);
    }

    @Override
    public Channel channel() {
        return Channel.TELEGRAM;
    }

    @Override
    public HealthReport check(ChannelConnection connection) {
        return run(connection, (token, checks) -> {
            if (identity(token, connection, checks)) {
                checks.add(webhook(token));
            }
        });
    }

    /** getMe, then setWebhook with our secret token, then the regular check. */
    @Override
    public HealthReport onConnect(ChannelConnection connection) {
        return run(connection, (token, checks) -> {
            if (!identity(token, connection, checks)) {
                return;
            }
            if (webhookUrl.isEmpty()) {
                checks.add(new Check("setWebhook", false, PlatformEndpoints.WEBHOOK_BASE_URL + " is not configured"));
                return;
            }
            ObjectNode body = Json.mapper().createObjectNode()
                    .put("url", webhookUrl.get())
                    .put("secret_token", TelegramWebhook.secretToken(connection.externalId(),
                            connection.secrets().require("webhookSecret")));
            ALLOWED_UPDATES.forEach(body.putArray("allowed_updates")::add);
            BotApi.Reply reply = api.call(token, "setWebhook", body);
            checks.add(new Check("setWebhook", reply.ok(), reply.ok() ? webhookUrl.get() : reply.errorCode() + " " + reply.description()));
            if (reply.ok()) {
                checks.add(webhook(token));
            }
        });
    }

    /**
     * Removes our webhook with deleteWebhook (core.telegram.org/bots/api#deletewebhook), so Telegram
     * stops delivering the bot's updates to us and its owner can use the bot elsewhere; pending
     * updates are kept (drop_pending_updates false) for the owner's next setup. Only a webhook at our
     * URL is removed (getWebhookInfo first): one the owner has since pointed elsewhere is theirs.
     * Best effort: a failure is logged, never thrown.
     */
    @Override
    public void onDisconnect(ChannelConnection connection) {
        try {
            String token = BotApi.token(connection);
            BotApi.Reply info = api.call(token, "getWebhookInfo", Json.mapper().createObjectNode());
            if (!info.ok()) {
                LOG.warn("{}: webhook left in place, getWebhookInfo answered {} {}", connection, info.errorCode(), info.description());
                return;
            }
            String url = info.result().path("url").asText("");
            if (webhookUrl.isEmpty() || !url.equals(webhookUrl.get())) {
                LOG.info("{}: no webhook of ours to remove ({})", connection, url.isEmpty() ? "none registered" : "registered elsewhere");
                return;
            }
            BotApi.Reply deleted = api.call(token, "deleteWebhook",
                    Json.mapper().createObjectNode().put("drop_pending_updates", false));
            if (deleted.ok()) {
                LOG.info("{}: webhook removed at Telegram", connection);
            } else {
                LOG.warn("{}: deleteWebhook answered {} {}", connection, deleted.errorCode(), deleted.description());
            }
        } catch (IOException | IllegalStateException e) {
            // Both messages are ours and carry no token (BotApi redacts; a missing secret is named, not shown).
            LOG.warn("{}: webhook left in place: {}", connection, e.getMessage());
        }
    }

    private interface Steps {
        void run(String token, List<Check> checks) throws IOException;
    }

    /** Runs {@code steps} with the bot's token; a missing secret or an unreachable API ends them as a failed check. */
    private static HealthReport run(ChannelConnection connection, Steps steps) {
        List<Check> checks = new ArrayList<>();
        try {
            steps.run(BotApi.token(connection), checks);
        } catch (IllegalStateException e) {
            checks.add(new Check("credentials", false, e.getMessage()));
        } catch (IOException e) {
            checks.add(new Check("reachable", false, e.getMessage()));
        }
        return HealthReport.of(checks);
    }

    /** getMe: adds the token and bot-id checks; true when both passed. */
    private boolean identity(String token, ChannelConnection connection, List<Check> checks) throws IOException {
        BotApi.Reply me = api.call(token, "getMe", Json.mapper().createObjectNode());
        if (!me.ok()) {
            checks.add(new Check("token", false, "getMe: " + me.errorCode() + " " + me.description()));
            return false;
        }
        checks.add(new Check("token", true, "@" + me.result().path("username").asText()));
        String id = me.result().path("id").asText();
        boolean same = id.equals(connection.externalId());
        checks.add(new Check("bot id", same, same ? id : "the token belongs to bot " + id + ", not " + connection.externalId()));
        return same;
    }

    /** getWebhookInfo: our URL registered and no delivery error reported (last_error_message). */
    private Check webhook(String token) throws IOException {
        BotApi.Reply info = api.call(token, "getWebhookInfo", Json.mapper().createObjectNode());
        if (!info.ok()) {
            return new Check("webhook", false, "getWebhookInfo: " + info.errorCode() + " " + info.description());
        }
        if (webhookUrl.isEmpty()) {
            return new Check("webhook", false, PlatformEndpoints.WEBHOOK_BASE_URL + " is not configured");
        }
        String url = info.result().path("url").asText("");
        if (!url.equals(webhookUrl.get())) {
            return new Check("webhook", false, url.isEmpty() ? "no webhook registered" : "registered at " + url);
        }
        String error = info.result().path("last_error_message").asText("");
        return error.isEmpty() ? new Check("webhook", true, url)
                : new Check("webhook", false, "Telegram reports a delivery error: " + error);
    }
}
