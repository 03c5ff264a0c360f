package com.unifiedbeez.inbox.functions.retention;

import static com.unifiedbeez.inbox.retention.RetentionScenario.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.unifiedbeez.inbox.conversation.ConversationStatus;
import com.unifiedbeez.inbox.retention.RetentionScenario;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testkit.LambdaContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The deployed handler on its own Dagger component, built from configuration, run with the sample
 * schedule event against PostgreSQL and S3Proxy. This module's tests are the only ones on its test
 * database, so what a run reports is theirs.
 */
class RetentionHandlerTest {
    private final RetentionScenario given = new RetentionScenario(TestDatabase.dataSource());
    private final RetentionHandler handler = new RetentionHandler(DaggerRetentionComponent.factory()
            .create(given.config(LocalAws.config(TestDatabase.config()))));
    private final ScheduledEvent schedule = EventLoader.loadScheduledEvent("../../events/retention/schedule.json");

    /** An organization keeping 30 days, with a message of 40 days and its photo, and one of 5 days. */
    private record Acme(UUID organization, UUID old, String photo, UUID recent) {
    }

    private Acme acme() {
        UUID org = given.organization("Acme", 30, null);
        UUID conversation = given.conversation(org, ConversationStatus.RESOLVED);
        UUID old = given.message(org, conversation, "Forty days ago", daysAgo(40));
        String photo = given.file(org, conversation, old, daysAgo(40));
        return new Acme(org, old, photo, given.message(org, conversation, "Five days ago", daysAgo(5)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reportOf(Map<String, Object> run, UUID organization) {
        return ((List<Map<String, Object>>) run.get("organizations")).stream()
                .filter(r -> organization.toString().equals(r.get("organizationId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no report of " + organization + " in " + run));
    }

    @Test
    void theSampleScheduleDeletesWhatThePolicyExpiredAndReturnsTheReport() {
        Acme acme = acme();
        assertThat(schedule.getDetailType()).isEqualTo("Scheduled Event");

        Map<String, Object> run = handler.handleRequest(schedule, LambdaContext.of("RetentionFunction", "req-1", 1024, 600));

        assertThat(given.exists("messages", acme.old())).isFalse();
        assertThat(given.exists("messages", acme.recent())).isTrue();
        assertThat(given.keysInBucket()).doesNotContain(acme.photo());
        assertThat(reportOf(run, acme.organization()))
                .containsEntry("messagesDeleted", 1)
                .containsEntry("attachmentsDeleted", 1)
                .containsEntry("objectsDeleted", 1)
                .containsEntry("batches", 1)
                .containsEntry("finished", true)
                .containsEntry("error", null)
                .containsEntry("mediaCutoff", reportOf(run, acme.organization()).get("messagesCutoff"));
        assertThat((String) reportOf(run, acme.organization()).get("messagesCutoff")).endsWith("Z");
        assertThat(run).containsKeys("startedAt", "messagesDeleted", "attachmentsDeleted", "objectsDeleted", "failed")
                .containsEntry("finished", true);

        Map<String, Object> again = handler.handleRequest(schedule, null);
        assertThat(reportOf(again, acme.organization())).containsEntry("messagesDeleted", 0).containsEntry("batches", 0);
    }

    @Test
    void aRunStartedTooCloseToItsTimeoutDeletesNothingAndSaysItDidNotFinish() {
        Acme acme = acme();

        Map<String, Object> run = handler.handleRequest(schedule,
                LambdaContext.of("RetentionFunction", "req-2", 1024, (int) RetentionHandler.MARGIN.toSeconds()));

        assertThat(run).containsEntry("finished", false);
        assertThat(reportOf(run, acme.organization())).containsEntry("messagesDeleted", 0).containsEntry("finished", false);
        assertThat(given.exists("messages", acme.old())).isTrue();
        assertThat(given.keysInBucket()).contains(acme.photo());
    }

    @Test
    void primingBeforeTheSnapshotDeletesNothingAndLeavesTheWorkToTheScheduledRun() {
        Acme acme = acme();
        DatabaseSnapshot before = DatabaseSnapshot.of();
        Set<String> objects = given.keysInBucket();

        handler.priming.beforeCheckpoint(null);

        assertThat(DatabaseSnapshot.of()).as("no row deleted, marked or written").isEqualTo(before);
        assertThat(given.keysInBucket()).as("no file deleted").isEqualTo(objects).contains(acme.photo());

        Map<String, Object> run = handler.handleRequest(schedule, null);
        assertThat(reportOf(run, acme.organization())).containsEntry("messagesDeleted", 1);
        assertThat(given.exists("messages", acme.old())).isFalse();
    }
}
