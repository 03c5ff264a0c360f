package com.unifiedbeez.inbox.notification;

import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.channel.email.SmtpSubmission;
import com.unifiedbeez.inbox.notification.NotificationStore.DueEmail;
import com.unifiedbeez.inbox.platform.db.Database;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the decided mails whose time has come, each through its organization's {@link MailRoute},
 * and records how each ended: sent; refused for good (a 5xx, a login refused, no way to send mail:
 * failed with the reason, never tried again); or refused for now (a 4xx, no answer, a name that does
 * not resolve: tried again after 1, 2, 4, 8 minutes, and failed after {@value #MAX_ATTEMPTS} attempts).
 */
@Singleton
public final class NotificationDelivery {
    static final int MAX_ATTEMPTS = 5;
    /** Longer than a run's sends take; a run that died holds its mails this long at most. */
    static final Duration LEASE = Duration.ofMinutes(3);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);

    /** What one pass did. */
    public record Delivered(int sent, int retrying, int failed) {
    }

    private final Database database;
    private final NotificationStore store;
    private final MailRoutes routes;

    @Inject
    public NotificationDelivery(Database database, NotificationStore store, MailRoutes routes) {
        this.database = database;
        this.store = store;
        this.routes = routes;
    }

    /** Sends up to {@code limit} due mails, as of {@code now}. */
    public Delivered sendDue(Instant now, int limit) {
        List<DueEmail> due = database.transaction(c -> store.claimDue(c, now, now.plus(LEASE), limit));
        Map<UUID, MailRoute> byOrganization = new HashMap<>();
        int sent = 0;
        int retrying = 0;
        int failed = 0;
        for (DueEmail email : due) {
            MailRoute route = byOrganization.computeIfAbsent(email.organizationId(), routes::forOrganization);
            SendOutcome outcome = send(route, email);
            if (outcome instanceof SendOutcome.Accepted) {
                database.transaction(c -> {
                    store.recordSent(c, email.id(), now);
                    return null;
                });
                sent++;
            } else if (outcome instanceof SendOutcome.Retry retry && email.attempts() < MAX_ATTEMPTS) {
                database.transaction(c -> {
                    store.recordRetry(c, email.id(), retry.reason(), now.plus(backoff(email.attempts())));
                    return null;
                });
                retrying++;
            } else {
                String reason = outcome instanceof SendOutcome.Rejected rejected
                        ? rejected.code() + ": " + rejected.reason()
                        : "gave up after " + email.attempts() + " attempts: " + ((SendOutcome.Retry) outcome).reason();
                database.transaction(c -> {
                    store.recordFailed(c, email.id(), reason);
                    return null;
                });
                failed++;
            }
            if (!(outcome instanceof SendOutcome.Accepted)) {
                LOG.info("notification email {} to user {} of organization {} via {}: {}", email.id(), email.userId(),
                        email.organizationId(), route, outcome);
            }
        }
        return new Delivered(sent, retrying, failed);
    }

    private static SendOutcome send(MailRoute route, DueEmail email) {
        if (route instanceof MailRoute.Unavailable none) {
            return none.retry() ? new SendOutcome.Retry(none.code() + ": " + none.reason(), null)
                    : new SendOutcome.Rejected(none.code(), none.reason());
        }
        MailRoute.Ready ready = (MailRoute.Ready) route;
        MimeMessage mail;
        try {
            mail = NotificationMail.build(ready.session(), ready.from(), email);
        } catch (AddressException e) {
            return new SendOutcome.Rejected("invalid-address", e.getMessage());
        } catch (MessagingException e) {
            return new SendOutcome.Rejected("email-build", e.getMessage());
        }
        return SmtpSubmission.submit(ready.session(), ready.server(), ready.username(), ready.password(), mail);
    }

    /** After the n-th attempt: 1, 2, 4, 8 ... minutes, at most 30. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
        return wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait;
    }
}
