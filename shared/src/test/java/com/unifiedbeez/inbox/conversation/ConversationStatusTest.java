package com.unifiedbeez.inbox.conversation;

import static com.unifiedbeez.inbox.conversation.ConversationStatus.ACTIVE;
import static com.unifiedbeez.inbox.conversation.ConversationStatus.CLOSED;
import static com.unifiedbeez.inbox.conversation.ConversationStatus.NEW;
import static com.unifiedbeez.inbox.conversation.ConversationStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConversationStatusTest {
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "NEW, ACTIVE, true", "NEW, RESOLVED, true", "NEW, CLOSED, true", "NEW, NEW, true",
            "ACTIVE, RESOLVED, true", "ACTIVE, CLOSED, true", "ACTIVE, NEW, false",
            "RESOLVED, ACTIVE, true", "RESOLVED, CLOSED, true", "RESOLVED, NEW, false",
            "CLOSED, ACTIVE, true", "CLOSED, RESOLVED, false", "CLOSED, NEW, false", "CLOSED, CLOSED, true"})
    void lifecycle(ConversationStatus from, ConversationStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"new, true", "active, true", "resolved, false", "closed, false"})
    void openStates(String wire, boolean open) {
        assertThat(ConversationStatus.parse(wire).orElseThrow().isOpen()).isEqualTo(open);
        assertThat(ConversationStatus.parse("Active")).isEmpty();
        assertThat(NEW.next()).doesNotContain(NEW);
        assertThat(ACTIVE.next()).containsExactlyInAnyOrder(RESOLVED, CLOSED);
        assertThat(CLOSED.next()).containsExactly(ACTIVE);
    }
}
