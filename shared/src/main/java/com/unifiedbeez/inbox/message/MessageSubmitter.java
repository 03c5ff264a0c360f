package com.unifiedbeez.inbox.message;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.unifiedbeez.inbox.attachment.AttachmentStore;
import com.unifiedbeez.inbox.channel.ConstraintViolation;
import com.unifiedbeez.inbox.conversation.ConversationRow;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.DatabaseException;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Accepts a send: validates it against the conversation's channel before anything is stored,
 * refuses it when the conversation changed since its sender looked ({@link ReplyConflicts}, when the
 * request says what they had seen), stores it {@code queued} with the conversation's new activity in
 * one transaction, then hands it to the outbound queue. If that hand-off fails the message stays queued and the sweeper
 * re-queues it: an accepted send is never lost. An Idempotency-Key replays the first answer for the
 * same request only: the message keeps a fingerprint of the request that created it, and the key
 * reused for another body, route or conversation is refused (as Stripe and the IETF
 * Idempotency-Key draft do) instead of silently answering with an unrelated message.
 */
@Singleton
public final class MessageSubmitter {
    public static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final String UNIQUE_VIOLATION = "23505";
    /** Sorted keys, so two equal requests written in another order have the same fingerprint. */
    private static final ObjectMapper CANONICAL = Json.mapper().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** What a send answered: the message, and whether it is the replay of an earlier identical request. */
    public record Submitted(MessageView message, boolean replayed) {
    }

    /** A conversation's first message, checked against its channel and not stored yet. */
    public static final class CheckedFirst {
        private final Draft draft;

        private CheckedFirst(Draft draft) {
            this.draft = draft;
        }

        public String preview() {
            return Previews.of(draft.type(), draft.content());
        }
    }

    /**
     * A message the inbox sends on its own, checked against its conversation's channel: sendable,
     * or the rules it breaks (then nothing is to be stored).
     */
    public static final class CheckedAutomatic {
        private final MessageDrafts.Checked checked;

        private CheckedAutomatic(MessageDrafts.Checked checked) {
            this.checked = checked;
        }

        public boolean allowed() {
            return checked.draft() != null;
        }

        public List<ConstraintViolation> violations() {
            return checked.violations();
        }
    }

    /** Builds the draft for one kind of send, once the conversation is locked. */
    @FunctionalInterface
    interface DraftBuilder {
        Draft build(Connection c, ConversationRow conversation, Instant now) throws SQLException;
    }

    private final Database database;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final AttachmentStore attachments;
    private final OutboundDispatch dispatch;
    private final MessageDrafts drafts;
    private final ReplyConflicts conflicts;

    @Inject
    public MessageSubmitter(Database database, ConversationStore conversations, MessageStore messages,
                            AttachmentStore attachments, OutboundDispatch dispatch, MessageDrafts drafts,
                            ReplyConflicts conflicts) {
        this.database = database;
        this.conversations = conversations;
        this.messages = messages;
        this.attachments = attachments;
        this.dispatch = dispatch;
        this.drafts = drafts;
        this.conflicts = conflicts;
    }

    public Submitted send(Caller caller, SendRequest request, Optional<String> idempotencyKey) {
        drafts.checkShape(request);
        ReplyPreconditions seen = ReplyPreconditions.of(request.ifLastEventSeq(), request.ifMatch());
        UUID conversationId = drafts.conversationId(request.conversationId());
        return submit(caller, conversationId, seen, idempotencyKey, () -> fingerprint("send", conversationId, request),
                (c, conversation, now) -> drafts.free(c, caller, conversation, request, now));
    }

    public Submitted sendTemplate(Caller caller, SendTemplateRequest request, Optional<String> idempotencyKey) {
        UUID conversationId = drafts.conversationId(request.conversationId());
        ReplyPreconditions seen = ReplyPreconditions.of(request.ifLastEventSeq(), request.ifMatch());
        return submit(caller, conversationId, seen, idempotencyKey, () -> fingerprint("send-template", conversationId, request),
                (c, conversation, now) -> drafts.template(c, caller, conversation, request));
    }

    /**
     * The first message of a conversation being created in {@code c}, checked by the same rules as
     * a send before anything is stored; store it with {@link #storeFirst} once the conversation row
     * exists, and {@link #dispatch} it after commit.
     */
    public CheckedFirst checkFirst(Connection c, Caller caller, ConversationRow conversation, String text, Instant now)
            throws SQLException {
        SendRequest request = new SendRequest(conversation.id().toString(), text, "text", null);
        drafts.checkShape(request);
        return new CheckedFirst(drafts.free(c, caller, conversation, request, now));
    }

    public MessageView storeFirst(Connection c, Caller caller, ConversationRow conversation, CheckedFirst first,
                                  Instant now) throws SQLException {
        UUID id = insert(c, caller, conversation, first.draft, null, null, now);
        return messages.find(c, caller.organizationId(), id).orElseThrow();
    }

    /**
     * A text the inbox sends on its own ({@code kind}, e.g. "away") into {@code conversation}, checked
     * by the rules an agent's text meets (reply windows, text limits) without a signature; store it
     * with {@link #storeAutomatic} when {@link CheckedAutomatic#allowed()}.
     */
    public CheckedAutomatic checkAutomatic(ConversationRow conversation, String text, String kind, Instant now) {
        return new CheckedAutomatic(drafts.automatic(conversation, text, kind, now));
    }

    /**
     * Stores a checked automatic message {@code queued}, sender {@code system}, in {@code c}'s
     * transaction, and hands it to the outbound queue once that commits (the sweeper covers a
     * failed hand-off). It is no agent's reply: the conversation's status, preview and activity are
     * left as they are.
     */
    public UUID storeAutomatic(Connection c, ConversationRow conversation, CheckedAutomatic checked, Instant now)
            throws SQLException {
        if (!checked.allowed()) {
            throw new IllegalArgumentException("an automatic message the channel refuses is not stored: "
                    + checked.violations());
        }
        UUID id = Ids.newId();
        messages.insertAutomatic(c, id, conversation.organizationId(), conversation.id(),
                conversation.channelConnectionId(), checked.checked.draft(), now);
        OutboundSend send = new OutboundSend(id, conversation.organizationId(), conversation.id());
        database.afterCommit(c, send, () -> dispatch.dispatch(send));
        return id;
    }

    /** Hands a stored send to the outbound queue (the sweeper retries a failed hand-off). */
    public void dispatch(Caller caller, MessageView message) {
        dispatch.dispatch(new OutboundSend(message.id(), caller.organizationId(), message.conversationId()));
    }

    private Submitted submit(Caller caller, UUID conversationId, ReplyPreconditions seen,
                             Optional<String> idempotencyKey, Supplier<String> fingerprinter, DraftBuilder builder) {
        String key = idempotencyKey.map(MessageSubmitter::checkKey).orElse(null);
        String fingerprint = key == null ? null : fingerprinter.get();
        Submitted submitted;
        try {
            submitted = database.transaction(c -> {
                if (key != null) {
                    Optional<MessageView> replay = replay(c, caller, key, fingerprint);
                    if (replay.isPresent()) {
                        return new Submitted(replay.get(), true);
                    }
                }
                ConversationRow conversation = conversations.require(c, caller.organizationId(), conversationId, true);
                // A reply reopens a resolved or closed conversation.
                conversations.requireReopenable(c, conversation);
                // Under the row lock: a concurrent reply to the same view is committed and found here.
                conflicts.requireUnchanged(c, caller, conversation, seen);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                Draft draft = builder.build(c, conversation, now);
                UUID id = insert(c, caller, conversation, draft, key, fingerprint, now);
                return new Submitted(messages.find(c, caller.organizationId(), id).orElseThrow(), false);
            });
        } catch (ReplyConflicts.Changed changed) {
            // Rolled back: nothing stored. Unless a concurrent request with the same key was accepted
            // meanwhile (then this is its retry, and a retry replays), the key stays unused.
            Optional<MessageView> earlier = key == null ? Optional.empty()
                    : database.read(c -> replay(c, caller, key, fingerprint));
            if (earlier.isEmpty()) {
                throw conflicts.problem(caller, changed);
            }
            return new Submitted(earlier.get(), true);
        } catch (DatabaseException e) {
            if (key != null && UNIQUE_VIOLATION.equals(e.sqlState())) {
                // A concurrent request with the same key won the race: answer as a replay of it (or
                // refuse when it was another request).
                return new Submitted(database.read(c -> replay(c, caller, key, fingerprint)).orElseThrow(() -> e), true);
            }
            throw e;
        }
        if (!submitted.replayed()) {
            dispatch(caller, submitted.message());
        }
        return submitted;
    }

    /**
     * The message an earlier request with this key created, when that request was this one; a key
     * first used for another request is refused. Rows from before fingerprints were kept have none
     * and replay as before.
     */
    private Optional<MessageView> replay(Connection c, Caller caller, String key, String fingerprint) throws SQLException {
        record Earlier(UUID id, String fingerprint) {
        }
        Optional<Earlier> earlier = Sql.one(c, """
                SELECT id, idempotency_fingerprint FROM messages
                 WHERE organization_id = ? AND sender_user_id = ? AND idempotency_key = ?""",
                r -> new Earlier(Sql.uuid(r, "id"), r.getString("idempotency_fingerprint")),
                caller.organizationId(), caller.userId(), key);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (earlier.get().fingerprint() != null && !earlier.get().fingerprint().equals(fingerprint)) {
            throw new ApiException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "this Idempotency-Key was already used for a different request (another body, route or"
                            + " conversation); use a new key for a new message", List.of());
        }
        return messages.find(c, caller.organizationId(), earlier.get().id());
    }

    /**
     * SHA-256 of the route and the request as parsed, keys sorted: the same request in any JSON
     * spelling. What the sender had seen is left out ({@link ReplyPreconditions#FIELDS}).
     */
    static String fingerprint(String route, UUID conversationId, Object request) {
        Map<String, Object> canonical = CANONICAL.convertValue(request, MAP);
        canonical.keySet().removeAll(ReplyPreconditions.FIELDS);
        canonical.put("conversationId", conversationId.toString());
        canonical.put("route", route);
        try {
            byte[] bytes = CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a " + request.getClass().getSimpleName(), e);
        }
    }

    private UUID insert(Connection c, Caller caller, ConversationRow conversation, Draft draft, String key,
                               String fingerprint, Instant now) throws SQLException {
        UUID id = Ids.newId();
        messages.insertQueued(c, id, caller.organizationId(), conversation.id(), conversation.channelConnectionId(),
                caller.userId(), draft, now, key, fingerprint);
        if (!draft.attachmentIds().isEmpty()) {
            attachments.attach(c, caller.organizationId(), id, draft.attachmentIds());
        }
        if (draft.templateId() != null) {
            messages.recordTemplateUse(c, caller.organizationId(), draft.templateId(), id, conversation.id(),
                    caller.userId(), now);
        }
        conversations.recordReply(c, caller.organizationId(), conversation.id(), now, Previews.of(draft.type(), draft.content()));
        return id;
    }

    private static String checkKey(String key) {
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e)) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters");
        }
        return key;
    }
}
