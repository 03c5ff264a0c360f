package com.unifiedbeez.inbox.flow;

import static com.unifiedbeez.inbox.channel.Channel.WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.message.MessageSubmitter;
import com.unifiedbeez.inbox.message.MessageView;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.message.ReplyConflicts.UnseenMessage;
import com.unifiedbeez.inbox.message.SendRequest;
import com.unifiedbeez.inbox.outbound.DeliveryResult;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Problem;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's reply conflict check on the events the production pipeline writes: a WhatsApp
 * customer's message through the webhook and the normalizer ({@code message:received}), another
 * agent's reply through the send path and the outbound sender to the Graph API's stand-in
 * ({@code message:sent}), numbered by the stream's sequencer as the fan-out numbers them.
 */
class ReplyConflictFlowTest {
    private FlowRig rig;
    private EventStream stream;
    private Caller sam;
    private Caller ada;
    private int sent;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        rig.connect(WHATSAPP);
        stream = new EventStream(new Database(rig.component.dataSource()));
        sam = rig.fx.user(rig.org, "Sam", Role.AGENT);
        ada = rig.fx.user(rig.org, "Ada", Role.AGENT);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** The customer writes now: webhook, inbound queue, normalizer. */
    private void customerWrites(String text) {
        String body = FlowRig.fixture("whatsapp", "text.json")
                .replace(AwayReplyFlowTest.FIXTURE_WAMID, "wamid.conflict-" + (++sent) + "-" + UUID.randomUUID())
                .replace("\"1749416383\"", "\"" + rig.clock.instant().getEpochSecond() + "\"")
                .replace("Does it come in another color?", text);
        assertThat(rig.deliver(WHATSAPP, body).getStatusCode()).isEqualTo(200);
        assertThat(rig.process(rig.receive())).as("batch item failures").isEmpty();
    }

    private UUID conversation() {
        return UUID.fromString(rig.fx.one("SELECT id::text FROM conversations WHERE organization_id = ?", rig.org));
    }

    private MessageSubmitter.Submitted send(Caller who, String text, long seen) {
        return rig.component.submitter().send(who, new SendRequest(conversation().toString(), text, null, null, seen,
                null), Optional.empty());
    }

    private Problem refused(Caller who, String text, long seen) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> send(who, text, seen));
        assertThat(refused).as("a 409").isNotNull();
        Problem problem = refused.toProblem("/api/inbox/messages/send");
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).endsWith("/conversation-changed");
        return problem;
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> listed(Problem problem) {
        return ((List<UnseenMessage>) problem.members().get("messages")).stream().map(UnseenMessage::id).toList();
    }

    private long outboundBy(Caller who) {
        return rig.fx.count("SELECT count(*) FROM messages WHERE organization_id = ? AND sender_user_id = ?",
                rig.org, who.userId());
    }

    @Test
    void aReplyToWhatAnotherAgentAnsweredOrTheCustomerAddedMeanwhileIsRefused() {
        customerWrites("Is my order on its way?");
        long seen = stream.sequence(rig.org).lastSeq();

        // Ada answers first; the outbound sender hands it to the platform and announces it.
        MessageView adas = send(ada, "Yes, it left the warehouse today", seen).message();
        List<OutboundSend> handed = rig.outbound();
        rig.standIn.nextSend(200, """
                {"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],
                 "messages":[{"id":"wamid.ada-reply-1"}]}""");
        assertThat(rig.component.delivery().deliver(handed.get(0), 1)).isEqualTo(DeliveryResult.DONE);

        // Sam, still looking at the question alone, is refused: Ada's announced reply is listed.
        Problem afterAda = refused(sam, "Let me check for you", seen);
        assertThat(listed(afterAda)).containsExactly(adas.id());
        assertThat(outboundBy(sam)).isZero();
        assertThat(rig.outbound()).isEmpty();

        // Caught up with the stream, Sam may answer; a customer's new message refuses that view again.
        long caughtUp = (Long) afterAda.members().get("lastSeq");
        customerWrites("Great! Can I still change the address?");
        UUID followUp = UUID.fromString(rig.fx.one("SELECT id::text FROM messages WHERE organization_id = ?"
                + " AND content = 'Great! Can I still change the address?'", rig.org));
        Problem afterCustomer = refused(sam, "Let me check for you", caughtUp);
        assertThat(listed(afterCustomer)).containsExactly(followUp);

        MessageView sams = send(sam, "Yes: send me the new one", (Long) afterCustomer.members().get("lastSeq")).message();
        assertThat(sams.senderUserId()).isEqualTo(sam.userId());
        assertThat(rig.outbound()).extracting(OutboundSend::messageId).containsExactly(sams.id());
    }
}
