package com.unifiedbeez.inbox.local.seed;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.telegram.TelegramProbe;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.platform.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook registrations a platform would hold for the seeded connections. The seed writes
 * Telegram connections as the channels API stores them, but the API's connect also calls
 * setWebhook, and the sandbox's Bot API keeps registrations in memory: so at every start, once the
 * HTTP port serves, each live Telegram connection is registered the way connect does it (getMe,
 * setWebhook with its secret token, getWebhookInfo) — and its health check is green.
 */
public final class DemoWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWebhooks.class);

    private DemoWebhooks() {
    }

    /** Registers every live Telegram connection's webhook; returns how many registered cleanly. */
    public static int registerTelegram(ConnectionStore connections, Config config) {
        TelegramProbe probe = new TelegramProbe(config, new PlatformHttp());
        int registered = 0;
        for (ChannelConnection connection : connections.listLive(Channel.TELEGRAM)) {
            HealthReport report = probe.onConnect(connection);
            if (report.healthy()) {
                registered++;
            } else {
                LOG.warn("setWebhook of {} at the sandbox: {}", connection, report.summary());
            }
        }
        return registered;
    }
}
