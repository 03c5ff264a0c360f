package com.unifiedbeez.inbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.testkit.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The only test of the bench module, seconds long: the generator on the tiny scale loads into the
 * real schema, and what it writes is consistent (the benchmark figures are only as good as that).
 */
class BenchDataSmokeTest {
    private static EmbeddedDatabase postgres;
    private static DataSource db;
    private static BenchData.LoadReport load;

    @BeforeAll
    static void generateTinyDataSet() throws Exception {
        postgres = EmbeddedDatabase.temporary().start();
        db = postgres.dataSource();
        load = BenchData.load(db, BenchData.Scale.TINY, 7, Instant.now().toEpochMilli() * 1000, false);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void loadsTheRequestedVolumes() {
        BenchData.Scale s = BenchData.Scale.TINY;
        assertThat(load.rows()).containsEntry("organizations", 1L + s.smallOrgs())
                .containsEntry("conversations", (long) s.conversations() + (long) s.smallOrgs() * s.smallConversations())
                .containsEntry("messages", (long) s.messages() + (long) s.smallOrgs() * s.smallMessages())
                .containsEntry("contacts", (long) s.contacts() + (long) s.smallOrgs() * s.smallContacts());
        assertThat(load.rows().get("conversation_labels")).isPositive();
    }

    @Test
    void conversationsAgreeWithTheirMessages() throws Exception {
        assertThat(count("""
                SELECT count(*) FROM conversations c
                 WHERE c.last_message_at <> (SELECT max(m.platform_timestamp) FROM messages m WHERE m.conversation_id = c.id)
                    OR c.last_inbound_at IS DISTINCT FROM (SELECT max(m.platform_timestamp) FROM messages m
                                                            WHERE m.conversation_id = c.id AND m.direction = 'inbound')
                    OR c.last_message_preview IS DISTINCT FROM (
                           SELECT CASE WHEN length(m.content) <= 200 THEN m.content ELSE left(m.content, 199) || '…' END
                             FROM messages m WHERE m.conversation_id = c.id
                            ORDER BY m.platform_timestamp DESC, m.id DESC LIMIT 1)""")).isZero();
        assertThat(count("SELECT count(*) FROM conversations WHERE created_at > last_message_at")).isZero();
        assertThat(count("SELECT count(*) FROM messages WHERE platform_timestamp > now()")).isZero();
    }

    @Test
    void spreadsStatusesAssigneesAndChannels() throws Exception {
        assertThat(count("SELECT count(DISTINCT status) FROM conversations")).isEqualTo(4);
        assertThat(count("SELECT count(DISTINCT channel) FROM conversations")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM conversations WHERE assignee_user_id IS NULL AND assignee_team_id IS NULL"))
                .isPositive();
        assertThat(count("SELECT count(*) FROM conversations WHERE assignee_user_id IS NULL AND assignee_team_id IS NOT NULL"))
                .isPositive();
        assertThat(count("SELECT count(DISTINCT assignee_user_id) FROM conversations")).isGreaterThan(3);
        assertThat(count("SELECT count(*) FROM messages WHERE search @@ websearch_to_tsquery('english', 'order')"))
                .isPositive();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
