package com.unifiedbeez.inbox.retention;

import static com.unifiedbeez.inbox.retention.RetentionScenario.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.unifiedbeez.inbox.attachment.AttachmentStore;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.conversation.ConversationStatus;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.event.SqsRealtimeNudge;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import com.unifiedbeez.inbox.settings.SettingsStore;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One run of retention over real PostgreSQL (a database of each test's own: a run sweeps every
 * organization) and real files in S3Proxy: what goes, what stays, and what the run reports.
 */
class RetentionSweeperTest {
    private final String database = RetentionScenario.freshDatabase();
    private final DataSource dataSource = TestDatabase.server().dataSource(database);
    private final RetentionScenario given = new RetentionScenario(dataSource);

    @AfterEach
    void dropDatabase() {
        RetentionScenario.dropDatabase(database);
    }

    private RetentionSweeper sweeper(MediaStorage storage, Clock clock, int batch) {
        Database db = new Database(dataSource);
        // Realtime switched off (no queue URL): retention announces nothing anyway.
        DomainEvents events = new DomainEvents(db, new SqsRealtimeNudge(LocalAws::sqs, Config.of(Map.of())));
        SettingsStore settings = new SettingsStore(events);
        return new RetentionSweeper(db, settings, new SettingsResolver(settings), new ExpiredContent(), new MessageStore(),
                new AttachmentStore(), new ConversationStore(events), storage, clock, batch);
    }

    private RetentionRun run() {
        return sweeper(given.storage, Clock.systemUTC(), RetentionSweeper.BATCH).run(Instant.now().plusSeconds(300));
    }

    private static RetentionReport report(RetentionRun run, UUID organizationId) {
        return run.organizations().stream().filter(r -> r.organizationId().equals(organizationId)).findFirst()
                .orElseThrow(() -> new AssertionError("no report for " + organizationId + " in " + run));
    }

    @Test
    void messagesOlderThanThePolicyGoWithTheirFilesReactionsAndPreviewNewerOnesStay() {
        UUID org = given.organization("Acme", 30, null);
        UUID conversation = given.conversation(org, ConversationStatus.CLOSED);
        UUID old = given.message(org, conversation, "Forty days ago", daysAgo(40));
        String oldPhoto = given.file(org, conversation, old, daysAgo(40));
        UUID crashed = given.message(org, conversation, "Thirty-five days ago", daysAgo(35));
        // a run crashed after deleting this file and before its rows: the next run finishes the job
        String gone = given.file(org, conversation, crashed, daysAgo(35));
        given.storage.delete(List.of(gone));
        UUID recent = given.message(org, conversation, "Ten days ago", daysAgo(10));
        String recentPhoto = given.file(org, conversation, recent, daysAgo(10));
        UUID contact = UUID.fromString(given.fx.one("SELECT contact_id FROM conversations WHERE id = ?", conversation));
        given.fx.exec("INSERT INTO message_reactions (id, organization_id, message_id, contact_id, emoji) VALUES (?, ?, ?, ?, '👍')",
                Ids.newId(), org, old, contact);
        UUID template = Ids.newId();
        given.fx.exec("INSERT INTO templates (id, organization_id, type, name, content) VALUES (?, ?, 'general', 'Hello', 'Hi')",
                template, org);
        UUID usage = Ids.newId();
        given.fx.exec("INSERT INTO template_usage (id, organization_id, template_id, message_id, conversation_id) VALUES (?, ?, ?, ?, ?)",
                usage, org, template, old, conversation);
        // an email no parser could read keeps its raw mail in the bucket, named in its metadata
        UUID unparsed = given.message(org, conversation, "(unreadable mail)", daysAgo(45));
        String raw = "inbound-email/" + Ids.newId() + "/1/7.eml";
        given.storage.put(raw, "From: x".getBytes(StandardCharsets.US_ASCII), "message/rfc822");
        given.fx.exec("UPDATE messages SET metadata = jsonb_build_object('unparsed', true, 'email', jsonb_build_object('raw', ?::text)) WHERE id = ?",
                raw, unparsed);
        UUID quiet = given.conversation(org, ConversationStatus.RESOLVED);
        UUID quietOld = given.message(org, quiet, "Fifty days ago", daysAgo(50));

        RetentionRun run = run();

        assertThat(List.of(old, crashed, unparsed, quietOld)).noneMatch(id -> given.exists("messages", id));
        assertThat(given.exists("messages", recent)).isTrue();
        assertThat(given.keysInBucket()).containsExactly(recentPhoto);
        assertThat(given.attachment(oldPhoto)).isFalse();
        assertThat(given.attachment(gone)).isFalse();
        assertThat(given.attachment(recentPhoto)).isTrue();
        assertThat(given.fx.count("SELECT count(*) FROM message_reactions WHERE organization_id = ?", org)).isZero();
        assertThat(given.fx.count("SELECT count(*) FROM template_usage WHERE id = ? AND template_id = ? AND message_id IS NULL",
                usage, template)).as("the template's use still counts, without its message").isOne();
        assertThat(given.fx.one("SELECT coalesce(last_message_preview, '-') FROM conversations WHERE id = ?", conversation))
                .isEqualTo("Ten days ago");
        assertThat(given.fx.one("SELECT coalesce(last_message_preview, '-') FROM conversations WHERE id = ?", quiet))
                .as("nothing left to preview").isEqualTo("-");
        assertThat(given.exists("conversations", quiet)).isTrue();

        RetentionReport report = report(run, org);
        assertThat(report.messagesDeleted()).isEqualTo(4);
        assertThat(report.attachmentsDeleted()).isEqualTo(2);
        assertThat(report.objectsDeleted()).as("two files (one already gone) and the raw mail").isEqualTo(3);
        assertThat(report.batches()).isOne();
        assertThat(report.finished()).isTrue();
        assertThat(report.error()).isNull();
        assertThat(report.messagesCutoff()).isCloseTo(daysAgo(30), within(1, ChronoUnit.MINUTES));
        assertThat(report.mediaCutoff()).as("files are kept no longer than messages").isEqualTo(report.messagesCutoff());
        assertThat(run.messagesDeleted()).isEqualTo(4);
        assertThat(run.finished()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ConversationStatus.class)
    void anOpenConversationKeepsItsNewestFiftyWhateverTheirAgeAClosedOneNothing(ConversationStatus status) {
        UUID org = given.organization("Acme", 30, null);
        UUID conversation = given.conversation(org, status);
        Instant start = daysAgo(90);
        List<UUID> messages = given.messages(org, conversation, 60, start, Duration.ofMinutes(1));
        String oldest = given.file(org, conversation, messages.get(0), start);
        String newest = given.file(org, conversation, messages.get(59), start.plus(Duration.ofMinutes(59)));

        RetentionReport report = report(run(), org);

        if (status.isOpen()) {
            assertThat(given.fx.count("SELECT count(*) FROM messages WHERE id = ANY(?::uuid[])", messages.subList(10, 60)))
                    .as("the newest fifty").isEqualTo(50);
            assertThat(given.messages(conversation)).isEqualTo(50);
            assertThat(given.exists("messages", messages.get(9))).isFalse();
            assertThat(given.keysInBucket()).containsExactly(newest);
            assertThat(report.messagesDeleted()).isEqualTo(10);
        } else {
            assertThat(given.messages(conversation)).isZero();
            assertThat(given.keysInBucket()).isEmpty();
            assertThat(report.messagesDeleted()).isEqualTo(60);
        }
        assertThat(given.attachment(oldest)).isFalse();
        assertThat(given.attachment(newest)).isEqualTo(status.isOpen());
    }

    @Test
    void aMediaOnlyPolicyDeletesFilesAndTheirRowsAndKeepsEveryMessage() {
        UUID org = given.organization("Acme", null, 7);
        UUID closed = given.conversation(org, ConversationStatus.CLOSED);
        UUID old = given.message(org, closed, "Two photos", daysAgo(10));
        String first = given.file(org, closed, old, daysAgo(10));
        String second = given.file(org, closed, old, daysAgo(10));
        UUID recent = given.message(org, closed, "A new photo", daysAgo(3));
        String recentPhoto = given.file(org, closed, recent, daysAgo(3));
        String neverSent = given.file(org, closed, null, daysAgo(9));
        UUID open = given.conversation(org, ConversationStatus.ACTIVE);
        UUID context = given.message(org, open, "Still being answered", daysAgo(20));
        String contextPhoto = given.file(org, open, context, daysAgo(20));

        RetentionReport report = report(run(), org);

        assertThat(List.of(old, recent, context)).allMatch(id -> given.exists("messages", id));
        assertThat(given.keysInBucket()).containsExactlyInAnyOrder(recentPhoto, contextPhoto);
        assertThat(List.of(first, second, neverSent)).noneMatch(given::attachment);
        assertThat(List.of(recentPhoto, contextPhoto)).allMatch(given::attachment);
        assertThat(given.fx.one("SELECT metadata ->> 'mediaExpired' FROM messages WHERE id = ?", old)).isEqualTo("true");
        assertThat(given.fx.count("SELECT count(*) FROM messages WHERE metadata -> 'mediaExpired' IS NOT NULL")).isOne();
        assertThat(report.messagesCutoff()).isNull();
        assertThat(report.mediaCutoff()).isCloseTo(daysAgo(7), within(1, ChronoUnit.MINUTES));
        assertThat(report.messagesDeleted()).isZero();
        assertThat(report.attachmentsDeleted()).isEqualTo(3);
        assertThat(report.objectsDeleted()).isEqualTo(3);
        assertThat(report.finished()).isTrue();
    }

    @Test
    void organizationsWithoutAPolicyAndOtherTenantsAreUntouched() {
        UUID acme = given.organization("Acme", 30, 30);
        UUID acmeConversation = given.conversation(acme, ConversationStatus.CLOSED);
        given.file(acme, acmeConversation, given.message(acme, acmeConversation, "old", daysAgo(40)), daysAgo(40));
        UUID noPolicy = given.organization("No policy", null, null);
        UUID otherKeys = given.organization("Other settings", null, null);
        given.settings(otherKeys, "{\"preferences\": {\"language\": \"fr\", \"sound\": false, \"compactList\": true}}");
        UUID keepsAll = given.organization("Keeps all", null, null);
        given.settings(keepsAll, "{\"retentionPolicy\": {\"messagesDays\": null, \"mediaDays\": null}}");
        UUID longer = given.organization("A year", 365, null);
        List<String> others = new ArrayList<>();
        for (UUID org : List.of(noPolicy, otherKeys, keepsAll, longer)) {
            UUID conversation = given.conversation(org, ConversationStatus.CLOSED);
            others.add(given.file(org, conversation, given.message(org, conversation, "old", daysAgo(40)), daysAgo(40)));
        }
        List<DatabaseSnapshot> before = List.of(noPolicy, otherKeys, keepsAll, longer).stream()
                .map(org -> DatabaseSnapshot.of(dataSource, org)).toList();

        RetentionRun run = run();

        assertThat(List.of(noPolicy, otherKeys, keepsAll, longer).stream()
                .map(org -> DatabaseSnapshot.of(dataSource, org)).toList()).isEqualTo(before);
        assertThat(given.keysInBucket()).containsExactlyInAnyOrderElementsOf(others);
        assertThat(run.organizations()).extracting(RetentionReport::organizationId)
                .as("organizations whose own level sets a policy that deletes something")
                .containsExactlyInAnyOrder(acme, longer);
        assertThat(report(run, longer).messagesDeleted()).isZero();
        assertThat(report(run, acme).messagesDeleted()).isOne();
        assertThat(run.messagesDeleted()).isOne();
        assertThat(run.objectsDeleted()).isOne();
    }

    @Test
    void aSecondRunDeletesNothingMore() {
        UUID org = given.organization("Acme", 30, 14);
        UUID closed = given.conversation(org, ConversationStatus.CLOSED);
        given.file(org, closed, given.message(org, closed, "old", daysAgo(40)), daysAgo(40));
        given.file(org, closed, given.message(org, closed, "older photo", daysAgo(20)), daysAgo(20));
        UUID open = given.conversation(org, ConversationStatus.NEW);
        given.file(org, open, given.message(org, open, "protected", daysAgo(60)), daysAgo(60));
        given.message(org, closed, "new", daysAgo(1));

        RetentionRun first = run();
        DatabaseSnapshot after = DatabaseSnapshot.of(dataSource);
        Set<String> objects = given.keysInBucket();
        RetentionRun second = run();

        assertThat(first.messagesDeleted()).isOne();
        assertThat(first.attachmentsDeleted()).isEqualTo(2);
        assertThat(second.organizations()).singleElement().satisfies(r -> {
            assertThat(r.messagesDeleted()).isZero();
            assertThat(r.attachmentsDeleted()).isZero();
            assertThat(r.objectsDeleted()).isZero();
            assertThat(r.batches()).isZero();
            assertThat(r.finished()).isTrue();
        });
        assertThat(DatabaseSnapshot.of(dataSource)).isEqualTo(after);
        assertThat(given.keysInBucket()).isEqualTo(objects).hasSize(1);
    }

    @Test
    void moreExpiredMessagesThanABatchTakeSeveralTransactions() {
        UUID org = given.organization("Acme", 30, null);
        UUID closed = given.conversation(org, ConversationStatus.CLOSED);
        int count = 2 * RetentionSweeper.BATCH + 100;
        List<UUID> old = given.messages(org, closed, count, daysAgo(40), Duration.ofSeconds(1));
        String photo = given.file(org, closed, old.get(count - 1), daysAgo(40));

        RetentionReport report = report(run(), org);

        assertThat(given.messages(closed)).isZero();
        assertThat(given.keysInBucket()).doesNotContain(photo).isEmpty();
        assertThat(report.messagesDeleted()).isEqualTo(count);
        assertThat(report.batches()).isEqualTo(3);
        assertThat(report.finished()).isTrue();
    }

    /** A clock whose every reading is a minute after the last: each batch "takes" a minute. */
    private static final class TickingClock extends Clock {
        private Instant next = Instant.now();

        Instant peek() {
            return next;
        }

        @Override
        public synchronized Instant instant() {
            Instant now = next;
            next = next.plus(Duration.ofMinutes(1));
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aRunStopsAtItsDeadlineAndTheNextGoesOnWhereItStopped() {
        UUID org = given.organization("Acme", 30, null);
        UUID closed = given.conversation(org, ConversationStatus.CLOSED);
        given.messages(org, closed, 7, daysAgo(40), Duration.ofSeconds(1));
        TickingClock clock = new TickingClock();
        RetentionSweeper sweeper = sweeper(given.storage, clock, 2);

        RetentionRun late = sweeper.run(clock.peek());

        assertThat(late.finished()).isFalse();
        assertThat(report(late, org)).satisfies(r -> {
            assertThat(r.messagesDeleted()).isZero();
            assertThat(r.finished()).isFalse();
        });
        assertThat(given.messages(closed)).isEqualTo(7);

        // room for two batches of two per run
        RetentionRun first = sweeper.run(clock.peek().plus(Duration.ofSeconds(150)));
        assertThat(report(first, org).messagesDeleted()).isEqualTo(4);
        assertThat(report(first, org).batches()).isEqualTo(2);
        assertThat(first.finished()).isFalse();
        assertThat(given.messages(closed)).isEqualTo(3);

        int runs = 1;
        int deleted = 4;
        RetentionRun next;
        do {
            next = sweeper.run(clock.peek().plus(Duration.ofSeconds(150)));
            deleted += next.messagesDeleted();
            runs++;
        } while (!next.finished() && runs < 10);
        assertThat(next.finished()).isTrue();
        assertThat(deleted).isEqualTo(7);
        assertThat(given.messages(closed)).isZero();
    }

    @Test
    void whenS3KeepsTheFilesNoRowGoesAndTheOtherOrganizationsAreSwept() {
        UUID withFiles = given.organization("Files", 30, null);
        UUID conversation = given.conversation(withFiles, ConversationStatus.CLOSED);
        given.file(withFiles, conversation, given.message(withFiles, conversation, "old", daysAgo(40)), daysAgo(40));
        UUID textOnly = given.organization("Text only", 30, null);
        UUID other = given.conversation(textOnly, ConversationStatus.CLOSED);
        given.message(textOnly, other, "old", daysAgo(40));
        DatabaseSnapshot before = DatabaseSnapshot.of(dataSource, withFiles);
        S3MediaStorage nowhere = new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(),
                Config.of(Map.of(S3MediaStorage.BUCKET, LocalAws.unique("no-such-bucket"))));

        RetentionRun run = sweeper(nowhere, Clock.systemUTC(), RetentionSweeper.BATCH).run(Instant.now().plusSeconds(300));

        assertThat(DatabaseSnapshot.of(dataSource, withFiles)).isEqualTo(before);
        assertThat(given.keysInBucket()).hasSize(1);
        assertThat(report(run, withFiles)).satisfies(r -> {
            assertThat(r.error()).contains("NoSuchBucket");
            assertThat(r.finished()).isFalse();
            assertThat(r.messagesDeleted()).isZero();
        });
        assertThat(run.failed()).isOne();
        assertThat(run.finished()).isFalse();
        assertThat(report(run, textOnly).messagesDeleted()).isOne();
        assertThat(given.messages(other)).isZero();
    }
}
