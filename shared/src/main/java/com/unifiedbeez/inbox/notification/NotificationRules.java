package com.unifiedbeez.inbox.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.event.SequencedEvent;
import com.unifiedbeez.inbox.notification.NotificationStore.Decision;
import com.unifiedbeez.inbox.notification.NotificationStore.Recipient;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.settings.NotificationKind;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is emailed about an event, and who is not and why: each user a note mentions ({@code note:added})
 * and the agent a conversation is newly assigned to ({@code conversation:assigned}), unless they did
 * it themselves, are not (or no longer) an active user of the organization, have email off for that
 * kind in their effective settings, the event is older than {@value #MAX_AGE_MINUTES} (default 60
 * minutes), the conversation is gone, (a mention) its note was deleted since or (an assignment)
 * someone else holds it now, they read the conversation in the app since, or they were emailed about
 * the same conversation within {@value #WINDOW_MINUTES} (default 5 minutes) before. Each decision is
 * recorded, in the caller's transaction; the mail's words are fixed then, so sending never needs the
 * event again.
 */
@Singleton
public final class NotificationRules {
    public static final String WINDOW_MINUTES = "INBOX_NOTIFICATION_EMAIL_WINDOW_MINUTES";
    public static final String MAX_AGE_MINUTES = "INBOX_NOTIFICATION_MAX_AGE_MINUTES";
    /** The events that can notify anyone. */
    public static final List<String> EVENTS = List.of(DomainEvents.NOTE_ADDED, DomainEvents.CONVERSATION_ASSIGNED);
    private static final Logger LOG = LoggerFactory.getLogger(NotificationRules.class);

    /** Someone an event may notify: of what, who caused it, what the mail quotes, and (a mention) in which note. */
    record Candidate(UUID userId, NotificationKind kind, UUID conversationId, UUID actorId, String actorName,
                     String quote, UUID noteId) {
    }

    private final NotificationStore store;
    private final SettingsResolver settings;
    private final ConversationStore conversations;
    private final Duration window;
    private final Duration maxAge;

    @Inject
    public NotificationRules(NotificationStore store, SettingsResolver settings, ConversationStore conversations,
                             Config config) {
        this(store, settings, conversations, Duration.ofMinutes(config.intValue(WINDOW_MINUTES, 5)),
                Duration.ofMinutes(config.intValue(MAX_AGE_MINUTES, 60)));
    }

    public NotificationRules(NotificationStore store, SettingsResolver settings, ConversationStore conversations,
                             Duration window, Duration maxAge) {
        if (window.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the email window must be >= 0 and the maximum age > 0 minutes");
        }
        this.store = store;
        this.settings = settings;
        this.conversations = conversations;
        this.window = window;
        this.maxAge = maxAge;
    }

    public Duration window() {
        return window;
    }

    /** Records the decisions about one event of the log; how many were new (none for a re-read event). */
    public int decide(Connection c, SequencedEvent event, Instant now) throws SQLException {
        int recorded = 0;
        for (Candidate candidate : candidates(c, event)) {
            if (store.record(c, decision(c, event, candidate, now), now)) {
                recorded++;
            }
        }
        return recorded;
    }

    /** The users an event may notify, in the order it names them. */
    List<Candidate> candidates(Connection c, SequencedEvent event) throws SQLException {
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(event.payloadJson());
        } catch (JsonProcessingException e) {
            LOG.warn("event {} ({}) of organization {} is not JSON; nobody is notified of it", event.seq(), event.name(),
                    event.organizationId());
            return List.of();
        }
        Optional<UUID> conversation = Optional.ofNullable(event.conversationId()).or(() -> uuid(payload.path("conversationId")));
        if (conversation.isEmpty()) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        if (DomainEvents.NOTE_ADDED.equals(event.name())) {
            JsonNode note = payload.path("note");
            UUID noteId = uuid(note.path("id")).orElse(null);
            UUID author = uuid(note.path("author").path("id")).orElse(null);
            String authorName = note.path("author").path("name").isTextual() ? note.path("author").path("name").asText() : null;
            Set<UUID> mentioned = new LinkedHashSet<>();
            payload.path("mentionedUsers").forEach(id -> uuid(id).ifPresent(mentioned::add));
            for (UUID user : mentioned) {
                out.add(new Candidate(user, NotificationKind.MENTION, conversation.get(), author, authorName,
                        note.path("content").asText(null), noteId));
            }
        } else if (DomainEvents.CONVERSATION_ASSIGNED.equals(event.name())) {
            Optional<UUID> agent = uuid(payload.path("assignedTo").path("userId"));
            Optional<UUID> before = uuid(payload.path("previouslyAssignedTo").path("userId"));
            // a team added or removed while the agent stays announces the same agent again: not news to them
            if (agent.isPresent() && !agent.equals(before)) {
                UUID by = uuid(payload.path("assignedBy")).orElse(null);
                String byName = by == null ? null
                        : store.recipient(c, event.organizationId(), by).map(Recipient::name).orElse(null);
                out.add(new Candidate(agent.get(), NotificationKind.ASSIGNED_TO_ME, conversation.get(), by, byName, null,
                        null));
            }
        }
        return out;
    }

    private Decision decision(Connection c, SequencedEvent event, Candidate candidate, Instant now) throws SQLException {
        UUID organizationId = event.organizationId();
        UUID user = candidate.userId();
        if (user.equals(candidate.actorId())) {
            return skipped(event, candidate, SkipReason.SELF);
        }
        Optional<Recipient> recipient = store.recipient(c, organizationId, user);
        if (recipient.isEmpty()) {
            LOG.warn("event {} of organization {} names user {}, who is not of that organization", event.seq(),
                    organizationId, user);
            return skipped(event, candidate, SkipReason.NOT_A_MEMBER);
        }
        if (!recipient.get().active()) {
            return skipped(event, candidate, SkipReason.DEACTIVATED);
        }
        if (!settings.forUser(c, organizationId, user).notifications().email(candidate.kind())) {
            return skipped(event, candidate, SkipReason.EMAIL_OFF);
        }
        if (event.occurredAt().isBefore(now.minus(maxAge))) {
            return skipped(event, candidate, SkipReason.STALE);
        }
        Optional<ConversationSummaryView> found = conversations.summary(c, new Caller(user, organizationId, Role.AGENT),
                candidate.conversationId());
        if (found.isEmpty()) {
            return skipped(event, candidate, SkipReason.CONVERSATION_GONE);
        }
        if (candidate.noteId() != null && store.noteDeleted(c, organizationId, candidate.noteId())) {
            return skipped(event, candidate, SkipReason.NOTE_DELETED);
        }
        ConversationSummaryView conversation = found.get();
        if (candidate.kind() == NotificationKind.ASSIGNED_TO_ME && (conversation.assignee() == null
                || conversation.assignee().user() == null || !user.equals(conversation.assignee().user().id()))) {
            return skipped(event, candidate, SkipReason.REASSIGNED);
        }
        if (conversations.lastRead(c, organizationId, candidate.conversationId(), user)
                .filter(read -> read.isAfter(event.occurredAt())).isPresent()) {
            return skipped(event, candidate, SkipReason.SEEN);
        }
        if (store.emailedSince(c, organizationId, user, candidate.conversationId(), event.occurredAt().minus(window))) {
            return skipped(event, candidate, SkipReason.WINDOW);
        }
        String contact = conversation.contact() == null ? null : conversation.contact().name();
        boolean mention = candidate.kind() == NotificationKind.MENTION;
        return new Decision(organizationId, user, candidate.conversationId(), candidate.kind(), event.id(), event.seq(),
                event.occurredAt(), EmailStatus.PENDING, null, recipient.get().email(),
                mention ? NotificationMail.mentionSubject(candidate.actorName(), contact)
                        : NotificationMail.assignmentSubject(contact),
                mention ? NotificationMail.mentionHeadline(candidate.actorName(), contact, conversation.channel())
                        : NotificationMail.assignmentHeadline(candidate.actorName(), contact, conversation.channel()),
                NotificationMail.excerpt(mention ? candidate.quote() : conversation.lastMessagePreview()));
    }

    /** The reads of a decision for a user and conversation that do not exist, recording nothing: priming. */
    void warmUp(Connection c, UUID organizationId, UUID userId) throws SQLException {
        store.recipient(c, organizationId, userId);
        settings.forUser(c, organizationId, userId).notifications().email(NotificationKind.MENTION);
        conversations.summary(c, new Caller(userId, organizationId, Role.AGENT), userId);
        conversations.lastRead(c, organizationId, userId, userId);
        store.noteDeleted(c, organizationId, userId);
        store.emailedSince(c, organizationId, userId, userId, Instant.EPOCH);
    }

    private static Decision skipped(SequencedEvent event, Candidate candidate, SkipReason reason) {
        return new Decision(event.organizationId(), candidate.userId(), candidate.conversationId(), candidate.kind(),
                event.id(), event.seq(), event.occurredAt(), EmailStatus.SKIPPED, reason.wireName(), null, null, null,
                null);
    }

    private static Optional<UUID> uuid(JsonNode node) {
        return node.isTextual() ? Ids.parse(node.asText()) : Optional.empty();
    }
}
