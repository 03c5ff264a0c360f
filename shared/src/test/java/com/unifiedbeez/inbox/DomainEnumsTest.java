package com.unifiedbeez.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.conversation.ConversationStatus;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.ApiContract;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The domain enums and the two other places their words live: the database's CHECK constraints (a
 * value a column allows but the enum lacks would fail the read of that row) and the API contract's
 * schemas (the JSON form of each constant is its wire name, as openapi.yaml lists them).
 */
class DomainEnumsTest {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'::text");

    static Stream<Arguments> columns() {
        return Stream.of(
                arguments("conversations", "channel", wireNames(Channel.values(), Channel::wireName)),
                arguments("contact_identities", "channel", wireNames(Channel.values(), Channel::wireName)),
                arguments("channel_connections", "channel", wireNames(Channel.values(), Channel::wireName)),
                arguments("conversations", "status", wireNames(ConversationStatus.values(), ConversationStatus::wireName)),
                arguments("messages", "message_type", wireNames(MessageType.values(), MessageType::wireName)),
                arguments("messages", "status", wireNames(MessageStatus.values(), MessageStatus::wireName)));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("columns")
    void theColumnAllowsExactlyTheEnumsWords(String table, String column, Set<String> words) throws Exception {
        assertThat(allowed(table, column)).containsExactlyInAnyOrderElementsOf(words);
    }

    @Test
    void aPendingStatusIsAMessageStatus() throws Exception {
        // Reports never say "queued": that is our own state before the platform has the message.
        assertThat(wireNames(MessageStatus.values(), MessageStatus::wireName))
                .containsAll(allowed("pending_message_statuses", "status"));
    }

    static Stream<Arguments> schemas() {
        return Stream.of(
                arguments("Channel", List.of(Channel.values())),
                arguments("ConversationStatus", List.of(ConversationStatus.values())),
                arguments("MessageStatus", List.of(MessageStatus.values())),
                arguments("MessageType", List.of(MessageType.values())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void theJsonFormIsTheContractsWord(String schema, List<Enum<?>> constants) {
        List<String> contract = StreamSupport.stream(ApiContract.get().document().path("components").path("schemas")
                .path(schema).path("enum").spliterator(), false).map(n -> n.asText()).toList();
        List<String> json = new ArrayList<>();
        for (Enum<?> constant : constants) {
            String written = Json.write(constant);
            json.add(written.substring(1, written.length() - 1));
        }
        assertThat(json).containsExactlyElementsOf(contract);
    }

    @Test
    void anEnumBindsAsItsWireNameWhateverTheDefaultLocale() throws Exception {
        Locale before = Locale.getDefault();
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            Locale.setDefault(Locale.forLanguageTag("tr-TR")); // where "I".toLowerCase() is a dotless "ı"
            assertThat(Sql.one(c, "SELECT ?::text", r -> r.getString(1), MessageType.INTERACTIVE))
                    .contains(MessageType.INTERACTIVE.wireName());
            assertThat(Sql.one(c, "SELECT array_to_string(?::text[], ',')", r -> r.getString(1),
                    List.of(Channel.INSTAGRAM, Channel.EMAIL))).contains("instagram,email");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static <E> Set<String> wireNames(E[] values, Function<E, String> wire) {
        return Arrays.stream(values).map(wire).collect(Collectors.toSet());
    }

    /** The words of the CHECK constraint on that one column ({@code column IN (...)}, as PostgreSQL prints it). */
    private static List<String> allowed(String table, String column) throws Exception {
        List<String> words = new ArrayList<>();
        try (Connection c = TestDatabase.dataSource().getConnection();
             PreparedStatement statement = c.prepareStatement("""
                     SELECT pg_get_constraintdef(con.oid) FROM pg_constraint con
                       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
                      WHERE con.conrelid = ?::regclass AND con.contype = 'c' AND cardinality(con.conkey) = 1
                        AND a.attname = ?""")) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet r = statement.executeQuery()) {
                assertThat(r.next()).as("a CHECK constraint on %s.%s", table, column).isTrue();
                Matcher quoted = QUOTED.matcher(r.getString(1));
                while (quoted.find()) {
                    words.add(quoted.group(1));
                }
                assertThat(r.next()).as("one CHECK constraint on %s.%s", table, column).isFalse();
            }
        }
        assertThat(words).isNotEmpty();
        return words;
    }
}
