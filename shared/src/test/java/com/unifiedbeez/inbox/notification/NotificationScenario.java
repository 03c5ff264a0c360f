package com.unifiedbeez.inbox.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.base.GreenMailOperations;
import com.unifiedbeez.inbox.conversation.AssignRequest;
import com.unifiedbeez.inbox.conversation.ConversationAssigner;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.note.AddNoteRequest;
import com.unifiedbeez.inbox.note.ConversationNotes;
import com.unifiedbeez.inbox.note.NoteStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.settings.NotificationKind;
import com.unifiedbeez.inbox.settings.SettingKey;
import com.unifiedbeez.inbox.settings.SettingScope;
import com.unifiedbeez.inbox.settings.SettingsStore;
import com.unifiedbeez.inbox.settings.SettingsWriter;
import com.unifiedbeez.inbox.testing.AssignmentWiring;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A notification scenario on real parts: an organization of its own in the test database (Ada, an
 * admin; Sam, an agent), a WhatsApp conversation with Maria Lopez, notes and assignments made by the
 * real services, their events numbered by the production sequencer ({@link EventStream#sequence})
 * as the realtime fan-out numbers them. Shared with functions/notifications' tests.
 */
public final class NotificationScenario {
    public final Fixtures fx = Fixtures.onTestDatabase();
    public final Database database = new Database(TestDatabase.dataSource());
    public final DomainEvents events = TestEvents.written(database);
    public final EventStream stream = new EventStream(database);
    public final ConversationStore conversations = new ConversationStore(events);
    public final UUID org = fx.organization("Notify " + UUID.randomUUID());
    public final Caller ada = fx.user(org, "Ada", Role.ADMIN);
    public final Caller sam = fx.user(org, "Sam", Role.AGENT);
    public final UUID maria = fx.contact(org, "Maria Lopez", "whatsapp", "+447700900123");
    public final UUID conversation = conversation(maria);

    /** One decision as recorded. */
    public record Row(String kind, String status, String reason, int attempts, Instant sentAt, UUID conversationId) {
    }

    /** A new open WhatsApp conversation of the contact, with a first message from them. */
    public UUID conversation(UUID contact) {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        UUID id = fx.conversation(org, contact, "whatsapp", ConversationSpec.open(at));
        fx.inboundMessage(org, id, "Hello, where is my order #1042?", at);
        return id;
    }

    /** {@code by} adds a note to the conversation mentioning {@code mentioned}; its event numbered. */
    public void mention(Caller by, UUID conversationId, String text, Caller... mentioned) {
        new ConversationNotes(database, conversations, new NoteStore(events)).add(by, conversationId,
                new AddNoteRequest(text, Arrays.stream(mentioned).map(m -> m.userId().toString()).toList()));
        stream.sequence(by.organizationId());
    }

    /** {@code by} assigns the conversation to the agent {@code to}; its event numbered. */
    public void assign(Caller by, UUID conversationId, Caller to) {
        AssignmentWiring.of(database, events).conversationAssigner().assign(by, conversationId,
                new AssignRequest(to.userId().toString(), "user"));
        stream.sequence(by.organizationId());
    }

    /** The user turns email off for {@code kind} in their own settings, as PUT /api/inbox/settings does. */
    public void emailOff(Caller user, NotificationKind kind) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject(SettingKey.NOTIFICATIONS.wireName()).putObject(kind.wireName()).put("email", false);
        new SettingsWriter(database, new SettingsStore(events), AssignmentWiring.of(database, events).router())
                .put(user, SettingScope.USER, null, body);
        stream.sequence(org);
    }

    public String email(Caller user) {
        return fx.one("SELECT email FROM users WHERE id = ?", user.userId());
    }

    /** The decisions about a user, in event order. */
    public List<Row> rows(Caller user) {
        return database.read(c -> Sql.list(c, """
                SELECT kind, status, reason, attempts, sent_at, conversation_id FROM notification_emails
                 WHERE organization_id = ? AND user_id = ? ORDER BY event_seq, decided_at""",
                r -> new Row(r.getString("kind"), r.getString("status"), r.getString("reason"), r.getInt("attempts"),
                        Sql.instant(r, "sent_at"), Sql.uuid(r, "conversation_id")),
                user.organizationId(), user.userId()));
    }

    /** What the mail server received for the user. */
    public List<MimeMessage> mailsTo(GreenMailOperations greenMail, Caller user) {
        String address = email(user);
        List<MimeMessage> out = new ArrayList<>();
        try {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                Address[] to = m.getAllRecipients();
                if (to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address))) {
                    out.add(m);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
