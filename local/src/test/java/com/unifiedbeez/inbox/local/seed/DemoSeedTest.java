package com.unifiedbeez.inbox.local.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.local.sandbox.SandboxAccount;
import com.unifiedbeez.inbox.local.sandbox.SandboxAccounts;
import com.unifiedbeez.inbox.local.sandbox.SandboxEnvironment;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Migrations;
import com.unifiedbeez.inbox.testkit.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSeedTest {
    @TempDir
    static Path data;
    static EmbeddedDatabase database;
    static DataSource db;
    static long firstSeedMs;

    @BeforeAll
    static void seedOnce() throws Exception {
        database = LocalInbox.startDatabase(data.resolve(LocalInbox.POSTGRES_FOLDER), 0);
        db = database.dataSource();
        Migrations.apply(db);
        long t = System.nanoTime();
        assertThat(DemoSeed.seedIfMissing(db)).isTrue();
        firstSeedMs = (System.nanoTime() - t) / 1_000_000;
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    static long count(String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static long acme(String table) throws Exception {
        return count("SELECT count(*) FROM " + table + " WHERE organization_id = ?", DemoSeed.ACME_ORG);
    }

    @Test
    void connectsTheDemoConnectionsToTheSandboxAccountsOnce() throws Exception {
        SandboxAccounts accounts = DemoAccounts.sandbox(2525, 1143);
        CredentialCipher cipher = new CredentialCipher(Config.of(Map.of(CredentialCipher.KEY,
                SandboxEnvironment.CREDENTIALS_KEY)));
        DemoSeed.connectSandbox(db, accounts, cipher);
        ConnectionStore connections = new ConnectionStore(new Database(db), cipher);
        for (SandboxAccount a : accounts.all()) {
            ChannelConnection c = connections.find(a.connectionId()).orElseThrow();
            assertThat(c.organizationId()).isEqualTo(a.organizationId());
            assertThat(c.externalId()).isEqualTo(a.externalId());
            assertThat(c.secrets().values()).as(a.toString()).isEqualTo(a.secrets());
            assertThat(connections.findLive(a.channel(), a.externalId())).isPresent();
        }
        ChannelConnection email = connections.find(DemoSeed.acmeConnection(Channel.EMAIL)).orElseThrow();
        assertThat(email.setting("imapPort")).isEqualTo("1143");
        assertThat(email.setting("username")).isEqualTo(SandboxAccounts.ACME_MAILBOX);
        assertThat(connections.find(DemoSeed.acmeConnection(Channel.SMS)).orElseThrow().setting("accountSid"))
                .matches("AC[0-9a-f]{32}");
        assertThat(count("SELECT count(*) FROM channel_connections WHERE organization_id = ?", DemoSeed.GLOBEX_ORG))
                .isEqualTo(1);

        // idempotent: stored credentials are kept (a new encryption would differ, its IV is random)
        byte[] before = credentials(DemoSeed.acmeConnection(Channel.TELEGRAM));
        DemoSeed.connectSandbox(db, accounts, cipher);
        assertThat(credentials(DemoSeed.acmeConnection(Channel.TELEGRAM))).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM channel_connections")).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM channel_connections WHERE credentials_key_id IS NULL")).isZero();
    }

    static byte[] credentials(UUID connection) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT credentials_encrypted FROM channel_connections WHERE id = ?")) {
            s.setObject(1, connection);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBytes(1);
            }
        }
    }

    @Test
    void isFast() {
        assertThat(firstSeedMs).as("seed time in ms").isLessThan(3_000);
    }

    @Test
    void secondRunChangesNothing() throws Exception {
        long conversations = count("SELECT count(*) FROM conversations");
        long messages = count("SELECT count(*) FROM messages");
        assertThat(DemoSeed.seedIfMissing(db)).isFalse();
        assertThat(count("SELECT count(*) FROM organizations")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM conversations")).isEqualTo(conversations);
        assertThat(count("SELECT count(*) FROM messages")).isEqualTo(messages);
    }

    @Test
    void acmeHasTheDesignedShape() throws Exception {
        assertThat(count("SELECT count(*) FROM organizations WHERE id = ? AND name = 'Acme Support'", DemoSeed.ACME_ORG))
                .isEqualTo(1);
        assertThat(acme("users")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM users WHERE organization_id = ? AND role = 'admin'", DemoSeed.ACME_ORG))
                .isEqualTo(1);
        for (DemoUser u : DemoSeed.USERS) {
            assertThat(count("SELECT count(*) FROM users WHERE id = ? AND organization_id = ? AND name = ? AND role = ?",
                    u.id(), u.organizationId(), u.name(), u.role())).as(u.name()).isEqualTo(1);
        }
        assertThat(acme("teams")).isEqualTo(2);
        assertThat(acme("team_members")).isEqualTo(5);
        assertThat(acme("channel_connections")).isEqualTo(6);
        assertThat(count("SELECT count(DISTINCT channel) FROM channel_connections WHERE organization_id = ?",
                DemoSeed.ACME_ORG)).isEqualTo(6);
        assertThat(acme("contacts")).isEqualTo(DemoSeed.ACME_CONTACTS);
        assertThat(acme("contact_identities")).isEqualTo(DemoSeed.ACME_IDENTITIES);
        for (String channel : DemoSeed.CHANNELS) {
            assertThat(count("SELECT count(*) FROM contact_identities i JOIN channel_connections cc"
                    + " ON cc.id = i.channel_connection_id AND cc.channel = i.channel"
                    + " WHERE i.organization_id = ? AND i.channel = ?", DemoSeed.ACME_ORG, channel))
                    .as("identities on " + channel).isGreaterThanOrEqualTo(10);
        }
        assertThat(acme("labels")).isEqualTo(DemoSeed.ACME_LABELS);
        assertThat(count("SELECT count(*) FROM labels WHERE organization_id = ? AND parent_label_id IS NOT NULL",
                DemoSeed.ACME_ORG)).isEqualTo(1);
        assertThat(acme("conversations")).isEqualTo(DemoSeed.ACME_CONVERSATIONS);
        assertThat(acme("notes")).isEqualTo(DemoSeed.ACME_NOTES);
        assertThat(acme("conversation_labels")).isGreaterThan(30);
    }

    @Test
    void conversationsSpreadOverChannelsStatusesAndAssignees() throws Exception {
        for (String channel : DemoSeed.CHANNELS) {
            assertThat(count("SELECT count(*) FROM conversations WHERE organization_id = ? AND channel = ?",
                    DemoSeed.ACME_ORG, channel)).as(channel).isGreaterThanOrEqualTo(25);
        }
        for (String status : new String[] {"new", "active", "resolved", "closed"}) {
            assertThat(count("SELECT count(*) FROM conversations WHERE organization_id = ? AND status = ?",
                    DemoSeed.ACME_ORG, status)).as(status).isGreaterThanOrEqualTo(20);
        }
        for (DemoUser agent : DemoSeed.ACME_AGENTS) {
            assertThat(count("SELECT count(*) FROM conversations WHERE assignee_user_id = ? AND status IN ('new','active')",
                    agent.id())).as("open conversations of " + agent.name()).isGreaterThanOrEqualTo(3);
            assertThat(count("SELECT count(*) FROM note_mentions WHERE user_id = ?", agent.id()))
                    .as("mentions of " + agent.name()).isGreaterThanOrEqualTo(3);
        }
        assertThat(count("SELECT count(*) FROM conversations WHERE organization_id = ? AND assignee_user_id IS NULL"
                + " AND assignee_team_id IS NOT NULL AND status IN ('new','active')", DemoSeed.ACME_ORG))
                .as("team-only open").isGreaterThanOrEqualTo(5);
        assertThat(count("SELECT count(*) FROM conversations WHERE organization_id = ? AND assignee_user_id IS NULL"
                + " AND assignee_team_id IS NULL AND status IN ('new','active')", DemoSeed.ACME_ORG))
                .as("unassigned open").isGreaterThanOrEqualTo(5);
    }

    @Test
    void messagesAreConsistentWithTheirConversations() throws Exception {
        // 2-8 messages each
        assertThat(count("SELECT count(*) FROM (SELECT conversation_id, count(*) n FROM messages GROUP BY 1) m"
                + " WHERE n < 2 OR n > 8")).isZero();
        assertThat(count("SELECT count(*) FROM conversations c WHERE NOT EXISTS"
                + " (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)")).isZero();
        // last_message_at / preview / last_inbound_at agree with the messages
        assertThat(count("SELECT count(*) FROM conversations c WHERE last_message_at <>"
                + " (SELECT max(platform_timestamp) FROM messages m WHERE m.conversation_id = c.id)")).isZero();
        assertThat(count("SELECT count(*) FROM conversations c WHERE last_inbound_at IS DISTINCT FROM"
                + " (SELECT max(platform_timestamp) FROM messages m WHERE m.conversation_id = c.id AND direction = 'inbound')"))
                .isZero();
        assertThat(count("SELECT count(*) FROM conversations c WHERE left(last_message_preview, 100) <> left("
                + " (SELECT content FROM messages m WHERE m.conversation_id = c.id"
                + "  ORDER BY platform_timestamp DESC, id DESC LIMIT 1), 100)")).isZero();
        // the customer writes first; outbound messages carry a delivery status
        assertThat(count("SELECT count(*) FROM conversations c WHERE (SELECT direction FROM messages m"
                + " WHERE m.conversation_id = c.id ORDER BY platform_timestamp, id LIMIT 1) <> 'inbound'")).isZero();
        assertThat(count("SELECT count(*) FROM messages WHERE direction = 'outbound'"
                + " AND (status NOT IN ('sent','delivered','read') OR sender_user_id IS NULL)")).isZero();
        for (String status : new String[] {"sent", "delivered", "read"}) {
            assertThat(count("SELECT count(*) FROM messages WHERE status = ?", status)).as(status).isPositive();
        }
        assertThat(count("SELECT count(*) FROM messages WHERE platform_timestamp > now()")).isZero();
        // new conversations are unanswered
        assertThat(count("SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                + " WHERE c.status = 'new' AND m.direction = 'outbound'")).isZero();
        long messages = acme("messages");
        assertThat(messages).isBetween(600L, 2400L);
    }

    /** Everything but ids and times (seeding is relative to its moment), in an order that depends on neither. */
    static final String FINGERPRINT = "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM ("
            + " SELECT ct.name || ':' || c.channel || ':' || c.status || ':' || c.priority || ':'"
            + " || coalesce(u.name, '-') || ':' || coalesce(t.name, '-') || ':' || coalesce(c.subject, '') || ':'"
            + " ||"
            + " (SELECT string_agg(m.direction || coalesce(m.status, '') || m.content, '/'"
            + "   ORDER BY m.platform_timestamp, m.content) FROM messages m WHERE m.conversation_id = c.id) AS x"
            + " FROM conversations c JOIN contacts ct ON ct.id = c.contact_id"
            + " LEFT JOIN users u ON u.id = c.assignee_user_id LEFT JOIN teams t ON t.id = c.assignee_team_id) rows";

    @Test
    void isDeterministic(@TempDir Path other) throws Exception {
        String first = fingerprint(db);
        try (EmbeddedDatabase second = LocalInbox.startDatabase(other.resolve(LocalInbox.POSTGRES_FOLDER), 0)) {
            Migrations.apply(second.dataSource());
            DemoSeed.seedIfMissing(second.dataSource());
            assertThat(fingerprint(second.dataSource())).isEqualTo(first);
        }
    }

    static String fingerprint(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FINGERPRINT);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void globexIsASeparateSmallTenant() throws Exception {
        UUID globex = DemoSeed.GLOBEX_ORG;
        assertThat(count("SELECT count(*) FROM users WHERE organization_id = ? AND role = 'admin'", globex)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM contacts WHERE organization_id = ?", globex))
                .isEqualTo(DemoSeed.GLOBEX_CONTACTS);
        assertThat(count("SELECT count(*) FROM conversations WHERE organization_id = ?", globex))
                .isEqualTo(DemoSeed.GLOBEX_CONVERSATIONS);
        assertThat(count("SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                + " WHERE c.organization_id = ? AND m.organization_id <> ?", globex, globex)).isZero();
    }
}
