package com.unifiedbeez.inbox.channel;

import com.unifiedbeez.inbox.platform.config.Config;
import java.util.Optional;

/**
 * Where the platforms' APIs are and the app-level secrets of our Meta app. Base URLs are
 * configuration so tests and the local channel sandbox point them at local servers.
 */
public final class PlatformEndpoints {
    /** Graph API base including the version, e.g. https://graph.facebook.com/v23.0 (WhatsApp, Messenger, Instagram). */
    public static final String GRAPH_API_URL = "INBOX_GRAPH_API_URL";
    public static final String DEFAULT_GRAPH_API_URL = "https://graph.facebook.com/v23.0";
    /** Telegram Bot API base: methods are {base}/bot{token}/{method}, files {base}/file/bot{token}/{path}. */
    public static final String TELEGRAM_API_URL = "INBOX_TELEGRAM_API_URL";
    public static final String DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org";
    /** Twilio REST base: {base}/2010-04-01/Accounts/{sid}/Messages.json. */
    public static final String TWILIO_API_URL = "INBOX_TWILIO_API_URL";
    public static final String DEFAULT_TWILIO_API_URL = "https://api.twilio.com";
    /** Our Meta app's secret: X-Hub-Signature-256 of every Meta webhook is keyed with it. */
    public static final String META_APP_SECRET = "INBOX_META_APP_SECRET";
    /** The token we typed into Meta's webhook settings; echoed in the GET subscription challenge. */
    public static final String META_VERIFY_TOKEN = "INBOX_META_VERIFY_TOKEN";
    /**
     * The public base URL of our webhooks (e.g. https://api.example.com): Twilio signs the full URL
     * it called, and Telegram's setWebhook needs it.
     */
    public static final String WEBHOOK_BASE_URL = "INBOX_WEBHOOK_BASE_URL";

    private PlatformEndpoints() {
    }

    public static String graphApi(Config config) {
        return trim(config.get(GRAPH_API_URL).orElse(DEFAULT_GRAPH_API_URL));
    }

    public static String telegramApi(Config config) {
        return trim(config.get(TELEGRAM_API_URL).orElse(DEFAULT_TELEGRAM_API_URL));
    }

    public static String twilioApi(Config config) {
        return trim(config.get(TWILIO_API_URL).orElse(DEFAULT_TWILIO_API_URL));
    }

    /** {@link #WEBHOOK_BASE_URL} without a trailing slash, when configured. */
    public static Optional<String> webhookBase(Config config) {
        return config.get(WEBHOOK_BASE_URL).map(PlatformEndpoints::trim);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
