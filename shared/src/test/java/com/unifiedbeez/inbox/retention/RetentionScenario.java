package com.unifiedbeez.inbox.retention;

import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.conversation.ConversationStatus;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Migrations;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The "given" of retention scenarios: organizations with a policy (or none), conversations, messages
 * of a chosen age and their files, stored for real in a bucket of S3Proxy of the scenario's own.
 */
public final class RetentionScenario {
    private static String template;

    public final DataSource dataSource;
    public final Fixtures fx;
    public final String bucket = LocalAws.createBucket(LocalAws.unique("media"));
    public final S3MediaStorage storage = new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(),
            Config.of(Map.of(S3MediaStorage.BUCKET, bucket)));

    public RetentionScenario(DataSource dataSource) {
        this.dataSource = dataSource;
        this.fx = new Fixtures(dataSource);
    }

    /**
     * A migrated database of its own on the test server (a copy of one migrated once per JVM): a
     * run sweeps every organization with a policy, so a test that counts what a run did owns them all.
     */
    public static synchronized String freshDatabase() {
        if (template == null) {
            template = "retention_template_" + Long.toHexString(System.nanoTime());
            admin("CREATE DATABASE " + template);
            Migrations.apply(TestDatabase.server().dataSource(template));
        }
        String name = "retention_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE DATABASE " + name + " TEMPLATE " + template);
        return name;
    }

    public static void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name);
    }

    private static void admin(String sql) {
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            Sql.update(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This long ago, to the microsecond PostgreSQL keeps. */
    public static Instant ago(Duration age) {
        return Instant.now().minus(age).truncatedTo(ChronoUnit.MICROS);
    }

    public static Instant daysAgo(int days) {
        return ago(Duration.ofDays(days));
    }

    /** An organization; with a policy unless both are absent (no settings row at all then). */
    public UUID organization(String name, Integer messagesDays, Integer mediaDays) {
        UUID id = fx.organization(name);
        if (messagesDays != null || mediaDays != null) {
            settings(id, "{\"retentionPolicy\": {\"messagesDays\": " + messagesDays + ", \"mediaDays\": " + mediaDays + "}}");
        }
        return id;
    }

    /** The organization's own settings row, as SettingsStore writes it. */
    public void settings(UUID organizationId, String json) {
        fx.exec("""
                INSERT INTO settings (id, organization_id, scope, scope_id, settings) VALUES (?, ?, 'organization', ?, ?::jsonb)""",
                Ids.newId(), organizationId, organizationId, json);
    }

    /** A conversation with a contact of its own (one open conversation per contact and channel). */
    public UUID conversation(UUID organizationId, ConversationStatus status) {
        UUID contact = fx.contact(organizationId, "Customer", "whatsapp", "wa-" + Ids.newId());
        return fx.conversation(organizationId, contact, "whatsapp",
                ConversationSpec.open(daysAgo(400)).status(status.wireName()));
    }

    /** A customer's message stored (and sent) at {@code at}. */
    public UUID message(UUID organizationId, UUID conversationId, String text, Instant at) {
        return fx.inboundMessage(organizationId, conversationId, text, at);
    }

    /**
     * {@code count} customer messages in one statement, the first at {@code first} and each next one
     * {@code apart} later (stored and sent then); their ids, oldest first.
     */
    public List<UUID> messages(UUID organizationId, UUID conversationId, int count, Instant first, Duration apart) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.list(c, """
                    INSERT INTO messages (id, organization_id, conversation_id, direction, sender_type, content,
                                          platform_timestamp, created_at)
                    SELECT gen_random_uuid(), ?, ?, 'inbound', 'contact', 'message ' || n, t, t
                      FROM generate_series(0, ? - 1) n,
                           LATERAL (SELECT ?::timestamptz + n * ?::interval AS t) at
                    RETURNING id, created_at""",
                    r -> Map.entry(Sql.instant(r, "created_at"), Sql.uuid(r, "id")),
                    organizationId, conversationId, count, first, apart.toMillis() + " milliseconds")
                    .stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file in the bucket and its attachment row, of a message (or an upload never sent: null); its key. */
    public String file(UUID organizationId, UUID conversationId, UUID messageId, Instant at) {
        UUID id = Ids.newId();
        String key = "inbound/" + organizationId + "/" + conversationId + "/" + id + "/photo.jpg";
        storage.put(key, key.getBytes(StandardCharsets.UTF_8), "image/jpeg");
        fx.exec("""
                INSERT INTO attachments (id, organization_id, conversation_id, message_id, s3_key, file_name, content_type,
                                         declared_size, size_bytes, status, created_at, completed_at)
                VALUES (?, ?, ?, ?, ?, 'photo.jpg', 'image/jpeg', ?, ?, 'uploaded', ?, ?)""",
                id, organizationId, conversationId, messageId, key, key.length(), key.length(), at, at);
        return key;
    }

    public Set<String> keysInBucket() {
        Set<String> keys = new TreeSet<>();
        LocalAws.s3().listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream().map(S3Object::key)
                .forEach(keys::add);
        return keys;
    }

    public boolean exists(String table, UUID id) {
        return fx.count("SELECT count(*) FROM " + table + " WHERE id = ?", id) == 1;
    }

    public long messages(UUID conversationId) {
        return fx.count("SELECT count(*) FROM messages WHERE conversation_id = ?", conversationId);
    }

    public boolean attachment(String key) {
        return fx.count("SELECT count(*) FROM attachments WHERE s3_key = ?", key) == 1;
    }

    /** A function's configuration: {@code base} with this scenario's bucket. */
    public Config config(Config base) {
        return base.with(S3MediaStorage.BUCKET, bucket);
    }
}
