package com.unifiedbeez.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * One store per aggregate: the SQL that changes an aggregate's tables lives in its store only, so a
 * rule (the one-open index, the preview of a deleted message, an event to announce) cannot be
 * bypassed by an UPDATE written somewhere else. Checked on the main sources: every table they write
 * has its owners here, and a table written for the first time fails the build until it is given one.
 */
class StoreOwnershipTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ROOT = "com/unifiedbeez/inbox/";
    /** INSERT INTO t, DELETE FROM t, UPDATE t SET (not FOR UPDATE, nor ON CONFLICT DO UPDATE SET). */
    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(?:INSERT\\s+INTO\\s+(\\w+)|DELETE\\s+FROM\\s+(\\w+)|UPDATE\\s+(\\w+)\\s+SET\\b)");

    /** Each written table and the only classes that write it. */
    private static final Map<String, Set<String>> OWNERS = new TreeMap<>(Map.ofEntries(
            Map.entry("conversations", Set.of("conversation/ConversationStore")),
            Map.entry("conversation_labels", Set.of("conversation/ConversationStore")),
            Map.entry("conversation_reads", Set.of("conversation/ConversationStore")),
            // A message's content, reactions, read and deletion in the store; its delivery state in the tracker.
            Map.entry("messages", Set.of("message/MessageStore", "message/DeliveryTracker")),
            Map.entry("message_reactions", Set.of("message/MessageStore")),
            // Which template a send used: a fact of that message, written with it (unlinked when retention deletes it).
            Map.entry("template_usage", Set.of("message/MessageStore")),
            // Statuses reported before the send's platform id is known: delivery state, applied by the tracker.
            Map.entry("pending_message_statuses", Set.of("message/DeliveryTracker")),
            // Agents' uploads, customers' media, their link to a message and their deletion by retention:
            // the services decide, the store writes.
            Map.entry("attachments", Set.of("attachment/AttachmentStore")),
            Map.entry("notes", Set.of("note/NoteStore")),
            Map.entry("note_mentions", Set.of("note/NoteStore")),
            Map.entry("contacts", Set.of("contact/ContactStore")),
            Map.entry("contact_identities", Set.of("contact/ContactStore")),
            Map.entry("channel_connections", Set.of("connection/ConnectionStore")),
            // The email poller's position in each mailbox.
            Map.entry("email_sync_state", Set.of("channel/email/MailboxSyncStore")),
            // The outbox: every store announces through it, in its own transaction.
            // DomainEvents writes events, EventStream numbers, trims and truncates them
            Map.entry("domain_events", Set.of("event/DomainEvents", "event/EventStream")),
            Map.entry("event_streams", Set.of("event/EventStream")),
            // Every level's settings and the organization's locks.
            Map.entry("settings", Set.of("settings/SettingsStore")),
            // issue 11: assignment (a member's routing profile and rotation, the decision log; the queue)
            Map.entry("team_members", Set.of("assignment/AssignmentStore")),
            Map.entry("assignment_decisions", Set.of("assignment/AssignmentStore")),
            Map.entry("conversation_routing", Set.of("assignment/RoutingStore")),
            // The notification mailer's position in each event stream and its email decisions.
            Map.entry("notification_cursors", Set.of("notification/NotificationStore")),
            Map.entry("notification_emails", Set.of("notification/NotificationStore")),
            // presence mirrored for the assignment work (users are otherwise only read here)
            Map.entry("users", Set.of("realtime/UserStatusStore"))));

    @Test
    void everyWrittenTableHasAnOwningStore() {
        assertThat(writers().keySet())
                .as("tables written in %s; give a new one its store in OWNERS", SOURCES)
                .isSubsetOf(OWNERS.keySet());
    }

    @Test
    void eachTableIsWrittenByItsOwnersOnly() {
        Map<String, Set<String>> writers = writers();
        SoftAssertions softly = new SoftAssertions();
        OWNERS.forEach((table, owners) -> softly.assertThat(writers.getOrDefault(table, Set.of()))
                .as("the classes that write %s", table)
                .containsExactlyInAnyOrderElementsOf(owners));
        softly.assertAll();
    }

    @Test
    void theScanSeesEveryKindOfWrite() {
        String sql = """
                INSERT INTO a (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET id = 2;
                UPDATE b
                   SET x = 1;
                DELETE FROM c WHERE id IN (SELECT id FROM d FOR UPDATE SKIP LOCKED)""";
        Set<String> tables = new TreeSet<>();
        for (Matcher m = WRITE.matcher(sql); m.find(); ) {
            tables.add(table(m));
        }
        assertThat(tables).containsExactly("a", "b", "c");
    }

    /** Table → the classes (relative to the root package, without .java) whose SQL writes it. */
    private static Map<String, Set<String>> writers() {
        Map<String, Set<String>> writers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = SOURCES.relativize(file).toString().replace('\\', '/');
                String owner = name.substring(name.startsWith(ROOT) ? ROOT.length() : 0, name.length() - ".java".length());
                for (Matcher m = WRITE.matcher(read(file)); m.find(); ) {
                    writers.computeIfAbsent(table(m).toLowerCase(), t -> new TreeSet<>()).add(owner);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writers;
    }

    private static String table(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
