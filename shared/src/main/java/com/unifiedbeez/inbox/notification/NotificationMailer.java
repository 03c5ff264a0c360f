package com.unifiedbeez.inbox.notification;

import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.event.SequencedEvent;
import com.unifiedbeez.inbox.event.StreamPosition;
import com.unifiedbeez.inbox.notification.NotificationDelivery.Delivered;
import com.unifiedbeez.inbox.notification.NotificationStore.Cursor;
import com.unifiedbeez.inbox.notification.NotificationStore.DueEmail;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.settings.NotificationKind;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener that emails users about what happens in the inbox (mentions, assignments): the
 * side effect of events, kept out of the code that makes them. Each run (every minute) it reads each
 * organization's numbered events after its own cursor — in seq order, so it sees every committed
 * event exactly once — records a decision per user ({@link NotificationRules}), moves the cursor in
 * the same transaction, then sends what was decided ({@link NotificationDelivery}). A mail thus goes
 * out within about a minute of its event (the realtime fan-out numbers events within milliseconds
 * of their commit, its sweeper within a minute when a nudge was lost); an agent who reads the
 * conversation in the app before then is not emailed.
 *
 * <p>The stream can move under the cursor: a log restarted under a new epoch is followed from its
 * start, and events trimmed by retention before the mailer read them (it was down for days) are
 * passed over with a warning — nobody is emailed about them. Decisions older than
 * {@value #RECORDS_KEPT_DAYS} days are deleted.
 */
@Singleton
public final class NotificationMailer {
    static final int ORGANIZATIONS_PER_RUN = 500;
    /** Events read and decided per transaction. */
    static final int PAGE = 200;
    static final int SENDS_PER_RUN = 500;
    static final int RECORDS_KEPT_DAYS = 30;
    static final int TRIM_BATCH = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(NotificationMailer.class);

    /** What a run did: organizations followed, events read, decisions recorded, mails sent or not, records deleted. */
    public record Run(int organizations, int events, int decisions, int sent, int retrying, int failed, int trimmed) {
    }

    private record Followed(int events, int decisions) {
    }

    private final Database database;
    private final EventStream stream;
    private final NotificationStore store;
    private final NotificationRules rules;
    private final NotificationDelivery delivery;
    private final MailRoutes routes;
    private final Clock clock;

    @Inject
    public NotificationMailer(Database database, EventStream stream, NotificationStore store, NotificationRules rules,
                              NotificationDelivery delivery, MailRoutes routes) {
        this(database, stream, store, rules, delivery, routes, Clock.systemUTC());
    }

    public NotificationMailer(Database database, EventStream stream, NotificationStore store, NotificationRules rules,
                              NotificationDelivery delivery, MailRoutes routes, Clock clock) {
        this.database = database;
        this.stream = stream;
        this.store = store;
        this.rules = rules;
        this.delivery = delivery;
        this.routes = routes;
        this.clock = clock;
    }

    public Run run() {
        Instant now = clock.instant();
        int organizations = 0;
        int events = 0;
        int decisions = 0;
        for (UUID organizationId : database.read(c -> store.behind(c, ORGANIZATIONS_PER_RUN))) {
            try {
                Followed followed = follow(organizationId, now);
                organizations++;
                events += followed.events();
                decisions += followed.decisions();
            } catch (RuntimeException e) {
                // one organization's failure (the database for a moment) waits for the next run; the others go on
                LOG.warn("notifications: organization {} not followed: {}", organizationId, e.toString());
            }
        }
        Delivered delivered = delivery.sendDue(clock.instant(), SENDS_PER_RUN);
        int trimmed = database.transaction(c -> store.trim(c, now.minus(Duration.ofDays(RECORDS_KEPT_DAYS)), TRIM_BATCH));
        return new Run(organizations, events, decisions, delivered.sent(), delivered.retrying(), delivered.failed(),
                trimmed);
    }

    /** Reads an organization's events after the cursor, page by page, deciding each page with its cursor move. */
    private Followed follow(UUID organizationId, Instant now) {
        Optional<StreamPosition> found = stream.position(organizationId);
        if (found.isEmpty()) {
            return new Followed(0, 0);
        }
        StreamPosition position = found.get();
        Cursor seen = database.read(c -> store.cursor(c, organizationId, false)).orElse(null);
        long after = start(organizationId, seen, position);
        long through = position.lastSeq();
        int events = 0;
        int decisions = 0;
        do { // at least once: with nothing to read the cursor still takes the stream's epoch and trims
            List<SequencedEvent> page = after < through
                    ? stream.range(organizationId, after, through, PAGE, NotificationRules.EVENTS) : List.of();
            Cursor expected = seen;
            Cursor moved = new Cursor(position.epoch(), page.size() < PAGE ? through : page.get(page.size() - 1).seq());
            Integer decided = database.transaction(c -> {
                if (!Objects.equals(store.cursor(c, organizationId, true).orElse(null), expected)) {
                    return null; // another run moved the cursor since this one read it: that run goes on
                }
                int n = 0;
                for (SequencedEvent event : page) {
                    n += rules.decide(c, event, now);
                }
                store.saveCursor(c, organizationId, moved);
                return n;
            });
            if (decided == null) {
                LOG.info("notifications: organization {} is being followed by another run", organizationId);
                break;
            }
            events += page.size();
            decisions += decided;
            seen = moved;
            after = moved.lastSeq();
        } while (after < through);
        return new Followed(events, decisions);
    }

    /** Where to read from: the cursor, unless the stream restarted, was trimmed past it, or is behind it. */
    private static long start(UUID organizationId, Cursor seen, StreamPosition position) {
        long after = 0;
        if (seen != null && seen.epoch().equals(position.epoch())) {
            after = seen.lastSeq();
        } else if (seen != null) {
            LOG.info("notifications: the event log of organization {} was restarted (epoch {} is now {});"
                    + " following the new log from its start", organizationId, seen.epoch(), position.epoch());
        }
        if (after < position.trimmedSeq()) {
            LOG.warn("notifications: events {} to {} of organization {} were deleted by retention before they were"
                    + " read; nobody is emailed about them", after + 1, position.trimmedSeq(), organizationId);
            after = position.trimmedSeq();
        }
        if (after > position.lastSeq()) {
            LOG.warn("notifications: the cursor of organization {} ({}) is beyond its log's last seq {};"
                    + " going on from there", organizationId, after, position.lastSeq());
            after = position.lastSeq();
        }
        return after;
    }

    /** A run's reads and a mail built, writing nothing and sending nothing: SnapStart priming. */
    public void warmUp() {
        UUID organizationId = Priming.CALLER.organizationId();
        UUID userId = Priming.CALLER.userId();
        database.read(c -> {
            store.behind(c, 1);
            store.cursor(c, organizationId, false);
            rules.warmUp(c, organizationId, userId);
            return null;
        });
        stream.position(organizationId);
        stream.range(organizationId, 0, 0, 1, NotificationRules.EVENTS);
        routes.forOrganization(organizationId);
        try {
            NotificationMail.build(Session.getInstance(new Properties()), new InternetAddress("priming@example.invalid"),
                    new DueEmail(userId, organizationId, userId, userId, NotificationKind.MENTION,
                            "priming@example.invalid", NotificationMail.mentionSubject("Ada", "Maria"), "Priming.",
                            "<b>priming</b>", 1));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
