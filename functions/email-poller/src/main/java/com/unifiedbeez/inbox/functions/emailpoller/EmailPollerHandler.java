package com.unifiedbeez.inbox.functions.emailpoller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.unifiedbeez.inbox.channel.email.EmailPoller;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every minute (EventBridge schedule): new mail of every connected mailbox onto the inbound queue. */
public final class EmailPollerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(EmailPollerHandler.class);

    private final EmailPollerComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public EmailPollerHandler() {
        this(DaggerEmailPollerComponent.factory().create(Config.fromEnvironment()));
    }

    public EmailPollerHandler(EmailPollerComponent services) {
        this.services = services;
        // Not a poll, which would read mailboxes and queue their mail at snapshot time: the same code
        // paths with no mailbox behind them (EmailPoller.warmUp); nothing is stored, queued or recorded.
        this.priming = Priming.register(() -> services.poller().warmUp(), services.dataSource());
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        EmailPoller.Summary run = services.poller().poll();
        if (run.fetched() > 0 || run.failed() > 0) {
            LOG.info("email poll: {} mailboxes, {} mails read, {} queued, {} mailboxes failed",
                    run.mailboxes(), run.fetched(), run.enqueued(), run.failed());
        }
        return Map.of("mailboxes", run.mailboxes(), "fetched", run.fetched(), "enqueued", run.enqueued(),
                "failed", run.failed());
    }
}
