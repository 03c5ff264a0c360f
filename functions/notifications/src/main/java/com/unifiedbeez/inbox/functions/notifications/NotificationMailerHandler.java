package com.unifiedbeez.inbox.functions.notifications;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.unifiedbeez.inbox.notification.NotificationMailer;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every minute (EventBridge schedule): mentions and assignments since the last run become emails to
 * the users who want them, through the system mailbox or the organization's email channel.
 */
public final class NotificationMailerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationMailerHandler.class);

    private final NotificationsComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public NotificationMailerHandler() {
        this(DaggerNotificationsComponent.factory().create(Config.fromEnvironment()));
    }

    public NotificationMailerHandler(NotificationsComponent services) {
        this.services = services;
        // Not a run, which would record decisions and send mail at snapshot time: its reads and a mail
        // built, with nothing written and nothing sent (NotificationMailer.warmUp).
        this.priming = Priming.register(() -> services.mailer().warmUp(), services.dataSource());
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        NotificationMailer.Run run = services.mailer().run();
        if (run.decisions() > 0 || run.sent() > 0 || run.retrying() > 0 || run.failed() > 0) {
            LOG.info("notifications: {} organizations, {} events, {} decisions, {} sent, {} to retry, {} failed",
                    run.organizations(), run.events(), run.decisions(), run.sent(), run.retrying(), run.failed());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("organizations", run.organizations());
        out.put("events", run.events());
        out.put("decisions", run.decisions());
        out.put("sent", run.sent());
        out.put("retrying", run.retrying());
        out.put("failed", run.failed());
        out.put("trimmed", run.trimmed());
        return out;
    }
}
