package com.unifiedbeez.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One store per aggregate: the SQL that changes an aggregate's tables lives in its store only, so a
 * rule (the one-open index, the preview of a deleted message, an event to announce) cannot be
 * bypassed by an UPDATE written somewhere else. Checked on the main sources.
 */
class StoreOwnershipTest {
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void onlyTheConversationStoreWritesConversations() {
        assertThat(writersOf("conversations|conversation_labels|conversation_reads"))
                .containsExactly("com/unifiedbeez/inbox/conversation/ConversationStore.java");
    }

    @Test
    void onlyTheMessageStoreAndTheDeliveryTrackerWriteMessages() {
        // Content, reactions, read and deletion in the store; delivery state (lease, sent, statuses) in the tracker.
        assertThat(writersOf("messages|message_reactions")).containsExactly(
                "com/unifiedbeez/inbox/message/DeliveryTracker.java",
                "com/unifiedbeez/inbox/message/MessageStore.java");
    }

    private static List<String> writersOf(String tables) {
        Pattern write = Pattern.compile("(?i)(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(" + tables + ")\\b");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> write.matcher(read(f)).find())
                    .map(f -> SOURCES.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
