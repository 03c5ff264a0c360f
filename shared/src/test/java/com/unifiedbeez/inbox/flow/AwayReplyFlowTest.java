package com.unifiedbeez.inbox.flow;

import static com.unifiedbeez.inbox.channel.Channel.WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.unifiedbeez.inbox.away.AwayReplies;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.outbound.DeliveryResult;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.settings.SettingScope;
import com.unifiedbeez.inbox.testing.SettingsRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's away message, end to end on real parts: a WhatsApp customer's message (Meta's documented
 * payload, signed) through the webhook, the inbound FIFO queue and the production normalizer wiring
 * with a clock the test sets; the away reply stored as the inbox's own message, handed to the outbound
 * queue, and delivered by the outbound sender to the Graph API's stand-in. The organization works
 * 09:00-17:00 on weekdays in Europe/London; Wednesday 4 March 2026 is before summer time (London is
 * on UTC).
 */
class AwayReplyFlowTest {
    static final String CUSTOMER = "16505551234"; // text.json's wa_id
    static final String FIXTURE_WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
    static final String AWAY = "Thanks for writing! We are closed now and answer from 09:00 UK time.";
    static final Instant THREE_AT_NIGHT = Instant.parse("2026-03-04T03:00:00Z");
    static final Instant TEN_IN_THE_MORNING = Instant.parse("2026-03-04T10:00:00Z");
    static final String OFFICE = "[{\"from\":\"09:00\",\"to\":\"17:00\"}]";
    static final String ALL_DAY = "[{\"from\":\"00:00\",\"to\":\"24:00\"}]";

    private FlowRig rig;
    private SettingsRows settings;
    private int sent;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        rig.connect(WHATSAPP);
        settings = new SettingsRows(rig.fx);
        rig.clock.set(THREE_AT_NIGHT);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    static String hours(String zone, String weekdays) {
        return """
                {"timezone": "%s", "schedule": {"monday": %2$s, "tuesday": %2$s, "wednesday": %2$s,
                 "thursday": %2$s, "friday": %2$s, "saturday": [], "sunday": []}, "holidays": []}"""
                .formatted(zone, weekdays);
    }

    static String away(boolean enabled, String text, int intervalMinutes, String channels) {
        return """
                {"enabled": %s, "text": "%s", "intervalMinutes": %d, "channels": %s}"""
                .formatted(enabled, text, intervalMinutes, channels);
    }

    /**
     * The organization's working hours and away message; and its agents' signature on every channel,
     * which the inbox's own messages never carry.
     */
    void organization(String hours, String away) {
        settings.organization(rig.org, "{\"workingHours\": " + hours + ", \"awayMessage\": " + away
                + ", \"signature\": {\"enabled\": true, \"text\": \"Acme Support\", \"html\": null,"
                + " \"channels\": [\"whatsapp\", \"sms\", \"email\"]}}");
    }

    /** The usual set-up: London office hours, the away message on, at most one an hour. */
    void closedAtNight() {
        organization(hours("Europe/London", OFFICE), away(true, AWAY, 60, "{}"));
    }

    /** Meta's text.json with a message id of its own, written at the clock's time. */
    String webhook(String text) {
        return FlowRig.fixture("whatsapp", "text.json")
                .replace(FIXTURE_WAMID, "wamid.away-" + (++sent) + "-" + UUID.randomUUID())
                .replace("\"1749416383\"", "\"" + rig.clock.instant().getEpochSecond() + "\"")
                .replace("Does it come in another color?", text);
    }

    /** The customer writes now: webhook, inbound queue, normalizer. */
    void customerWrites(String text) {
        assertThat(rig.deliver(WHATSAPP, webhook(text)).getStatusCode()).isEqualTo(200);
        assertThat(rig.process(rig.receive())).as("batch item failures").isEmpty();
    }

    List<Map<String, Object>> awayMessages() {
        return Rows.list("""
                SELECT id, conversation_id, direction, sender_type, sender_user_id, message_type, content, status,
                       metadata->>'automatic' AS automatic
                  FROM messages WHERE organization_id = ? AND direction = 'outbound' ORDER BY created_at, id""",
                rig.org);
    }

    UUID conversation() {
        return (UUID) Rows.one("SELECT id FROM conversations WHERE organization_id = ?", rig.org).get("id");
    }

    @Test
    void aCustomerWritingAt3AmGetsTheAwayMessageOnceThroughTheOutboundPath() {
        closedAtNight();

        customerWrites("Is my order on its way?");

        List<Map<String, Object>> replies = awayMessages();
        assertThat(replies).hasSize(1);
        Map<String, Object> reply = replies.get(0);
        assertThat(reply).containsEntry("direction", "outbound").containsEntry("sender_type", "system")
                .containsEntry("sender_user_id", null).containsEntry("message_type", "text")
                .containsEntry("content", AWAY).containsEntry("status", "queued")
                .containsEntry("automatic", AwayReplies.KIND);
        UUID conversation = conversation();
        assertThat(reply.get("conversation_id")).isEqualTo(conversation);
        // no agent's reply: the conversation stays new, its preview and activity the customer's
        assertThat(Rows.one("SELECT status, last_message_preview, last_message_at, away_message_sent_at"
                + " FROM conversations WHERE id = ?", conversation))
                .containsEntry("status", "new").containsEntry("last_message_preview", "Is my order on its way?")
                .containsEntry("last_message_at", Instant.ofEpochSecond(THREE_AT_NIGHT.getEpochSecond()))
                .containsEntry("away_message_sent_at", THREE_AT_NIGHT);

        // handed to the outbound queue after commit, and the outbound sender delivers it like any send
        List<OutboundSend> handed = rig.outbound();
        assertThat(handed).containsExactly(new OutboundSend((UUID) reply.get("id"), rig.org, conversation));
        rig.standIn.nextSend(200, """
                {"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],
                 "messages":[{"id":"wamid.away-reply-1"}]}""");
        assertThat(rig.component.delivery().deliver(handed.get(0), 1)).isEqualTo(DeliveryResult.DONE);
        List<RecordedRequest> calls = rig.requests();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getTarget()).isEqualTo("/graph/v23.0/" + FlowRig.WHATSAPP_PHONE_NUMBER_ID + "/messages");
        assertThat(Rows.json(calls.get(0).getBody().utf8()).path("to").asText()).isEqualTo(CUSTOMER);
        assertThat(Rows.json(calls.get(0).getBody().utf8()).path("text").path("body").asText()).isEqualTo(AWAY);
        assertThat(Rows.one("SELECT status, external_id FROM messages WHERE id = ?", reply.get("id")))
                .containsEntry("status", "sent").containsEntry("external_id", "wamid.away-reply-1");
        assertThat(rig.fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = 'message:sent'",
                rig.org)).isEqualTo(1);
        assertThat(rig.fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ?"
                + " AND name = 'conversation:status'", rig.org)).as("nothing reopened or activated").isZero();
    }

    @Test
    void onceAnIntervalAnotherMessageWithinItGetsNoneAndOneAfterItGetsOneMore() {
        closedAtNight();
        customerWrites("Hello?");
        rig.clock.advance(Duration.ofMinutes(59));
        customerWrites("Anyone there?");
        assertThat(awayMessages()).as("within the hour").hasSize(1);

        rig.clock.advance(Duration.ofMinutes(1));
        customerWrites("Still waiting");

        assertThat(awayMessages()).as("an hour after the first").hasSize(2)
                .allSatisfy(m -> assertThat(m).containsEntry("content", AWAY));
        assertThat(rig.outbound()).hasSize(2);
        assertThat(rig.fx.count("SELECT count(*) FROM messages WHERE organization_id = ? AND direction = 'inbound'",
                rig.org)).isEqualTo(3);
    }

    @Test
    void concurrentConsumersOfOneConversationSendOne() throws Exception {
        closedAtNight();
        customerWrites("First");
        rig.clock.advance(Duration.ofHours(2));
        // two payloads of the same customer, each received by its own consumer at the same moment
        assertThat(rig.deliver(WHATSAPP, webhook("Second")).getStatusCode()).isEqualTo(200);
        assertThat(rig.deliver(WHATSAPP, webhook("Third")).getStatusCode()).isEqualTo(200);
        List<SQSMessage> records = rig.receive();
        assertThat(records).hasSize(2);
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> done = new ArrayList<>();
            for (SQSMessage record : records) {
                done.add(consumers.submit(() -> {
                    go.await();
                    return rig.component.batch().process(List.of(record));
                }));
            }
            go.countDown();
            for (Future<List<String>> d : done) {
                assertThat(d.get(30, TimeUnit.SECONDS)).as("batch item failures").isEmpty();
            }
        } finally {
            consumers.shutdownNow();
        }

        assertThat(rig.fx.count("SELECT count(*) FROM messages WHERE organization_id = ? AND direction = 'inbound'",
                rig.org)).isEqualTo(3);
        assertThat(awayMessages()).as("one for the first message, one for the two at once").hasSize(2);
        assertThat(rig.outbound()).hasSize(2);
    }

    @Test
    void insideWorkingHoursNone() {
        closedAtNight();
        rig.clock.set(TEN_IN_THE_MORNING);

        customerWrites("Good morning");

        assertThat(awayMessages()).isEmpty();
        assertThat(rig.outbound()).isEmpty();
        assertThat(Rows.one("SELECT away_message_sent_at FROM conversations WHERE organization_id = ?", rig.org))
                .containsEntry("away_message_sent_at", null);
    }

    @Test
    void theTimeZoneIsTheOrganizations() {
        // 03:00 in London is 12:00 in Tokyo, on a Wednesday: open there
        organization(hours("Asia/Tokyo", OFFICE), away(true, AWAY, 60, "{}"));

        customerWrites("Hello from the other side of the world");

        assertThat(awayMessages()).isEmpty();
    }

    @Test
    void theDeploymentsSwitchOffSendsNoneWhateverTheSettings() {
        rig.close();
        rig = new FlowRig(Map.of(AwayReplies.SWITCH, "off"));
        rig.connect(WHATSAPP);
        settings = new SettingsRows(rig.fx);
        rig.clock.set(THREE_AT_NIGHT);
        closedAtNight();

        customerWrites("Anyone there?");

        assertThat(awayMessages()).isEmpty();
        assertThat(rig.outbound()).isEmpty();
        assertThat(Rows.one("SELECT count(*) AS n FROM messages WHERE organization_id = ?", rig.org).get("n"))
                .isEqualTo(1L);
    }

    @Test
    void disabledNone() {
        organization(hours("Europe/London", OFFICE), away(false, AWAY, 60, "{}"));

        customerWrites("Hello?");

        assertThat(awayMessages()).isEmpty();
        assertThat(rig.outbound()).isEmpty();
    }

    @Test
    void theChannelSetToFalseNone() {
        organization(hours("Europe/London", OFFICE), away(true, AWAY, 60, "{\"whatsapp\": false}"));

        customerWrites("Hello?");

        assertThat(awayMessages()).isEmpty();
    }

    @Test
    void aChannelsOwnTextIsSentOnIt() {
        organization(hours("Europe/London", OFFICE), away(true, AWAY, 60,
                "{\"whatsapp\": \"We are offline. Reply MENU for self-service.\", \"email\": false}"));

        customerWrites("Hello?");

        assertThat(awayMessages()).extracting(m -> m.get("content"))
                .containsExactly("We are offline. Reply MENU for self-service.");
    }

    @Test
    void theProductDefaultsSendNone() {
        customerWrites("Hello?"); // no settings at all: open around the clock, the away message off

        assertThat(awayMessages()).isEmpty();
    }

    @Test
    void aTeamsWorkingHoursOverrideTheOrganizationsForAConversationItHolds() {
        closedAtNight();
        customerWrites("Hello?");
        assertThat(awayMessages()).hasSize(1);
        // the night shift takes the conversation: open around the clock
        UUID nightShift = rig.fx.team(rig.org, "Night shift", rig.fx.user(rig.org, "Noor", Role.AGENT));
        settings.put(rig.org, SettingScope.TEAM, nightShift, "{\"workingHours\": " + hours("Europe/London", ALL_DAY)
                + "}");
        rig.fx.exec("UPDATE conversations SET assignee_team_id = ? WHERE id = ?", nightShift, conversation());
        rig.clock.advance(Duration.ofHours(2));

        customerWrites("Are you there now?");

        assertThat(awayMessages()).as("the team is open").hasSize(1);
    }

    @Test
    void aTeamClosedWhenTheOrganizationIsOpenSendsTheTeamsAwayMessage() {
        organization(hours("Europe/London", ALL_DAY), away(true, AWAY, 60, "{}"));
        rig.clock.set(TEN_IN_THE_MORNING);
        customerWrites("Hello?");
        assertThat(awayMessages()).as("the organization is open").isEmpty();
        UUID weekendTeam = rig.fx.team(rig.org, "Weekend desk", rig.fx.user(rig.org, "Wes", Role.AGENT));
        settings.put(rig.org, SettingScope.TEAM, weekendTeam, "{\"workingHours\": " + hours("Europe/London", "[]")
                + ", \"awayMessage\": " + away(true, "The weekend desk answers on Saturday.", 60, "{}") + "}");
        rig.fx.exec("UPDATE conversations SET assignee_team_id = ? WHERE id = ?", weekendTeam, conversation());

        customerWrites("Hello again?");

        assertThat(awayMessages()).extracting(m -> m.get("content"))
                .containsExactly("The weekend desk answers on Saturday.");
    }

    @Test
    void aMessageWrittenLongBeforeItArrivesGetsNone() {
        closedAtNight();
        String late = webhook("Sent from a plane"); // written now, arriving two hours later
        rig.clock.advance(Duration.ofHours(2));

        assertThat(rig.deliver(WHATSAPP, late).getStatusCode()).isEqualTo(200);
        assertThat(rig.process(rig.receive())).isEmpty();

        assertThat(rig.fx.count("SELECT count(*) FROM messages WHERE organization_id = ?", rig.org)).isEqualTo(1);
        assertThat(awayMessages()).isEmpty();
    }

    @Test
    void aReplyTheChannelRefusesIsNotRecordedAndTheCustomersMessageIsStored() {
        // 2000 characters: a valid away text, but SMS carries at most 1600
        rig.connect(Channel.SMS);
        organization(hours("UTC", "[]"), away(true, "x".repeat(2000), 60, "{}"));

        assertThat(rig.deliver(Channel.SMS, FlowRig.fixture("sms", "inbound-sms.txt")).getStatusCode()).isEqualTo(200);
        assertThat(rig.process(rig.receive())).as("batch item failures").isEmpty();

        assertThat(Rows.one("SELECT content FROM messages WHERE organization_id = ? AND direction = 'inbound'",
                rig.org)).containsEntry("content", "Hello! Is my order on its way?");
        assertThat(awayMessages()).isEmpty();
        assertThat(rig.outbound()).isEmpty();
        assertThat(Rows.one("SELECT away_message_sent_at FROM conversations WHERE organization_id = ?", rig.org))
                .as("nothing recorded as sent").containsEntry("away_message_sent_at", null);

        // the same on a shorter text goes out
        organization(hours("UTC", "[]"), away(true, AWAY, 60, "{}"));
        assertThat(rig.deliver(Channel.SMS, FlowRig.fixture("sms", "inbound-sms.txt")
                .replace("SM1342fe1b2c904d1ab04f0fc7a58abca8", "SM1342fe1b2c904d1ab04f0fc7a58abca9")).getStatusCode())
                .isEqualTo(200);
        assertThat(rig.process(rig.receive())).as("batch item failures").isEmpty();
        assertThat(awayMessages()).extracting(m -> m.get("content")).containsExactly(AWAY);
    }
}
