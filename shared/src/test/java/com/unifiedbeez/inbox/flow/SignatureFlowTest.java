package com.unifiedbeez.inbox.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.message.MessageView;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.message.SendRequest;
import com.unifiedbeez.inbox.outbound.DeliveryResult;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.FieldError;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.settings.SettingScope;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.SettingsRows;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10's signature, on real parts: an agent's send accepted by the production send path
 * (MessageSubmitter, the agent's effective settings), handed to the outbound queue, delivered by the
 * outbound sender — by the real EmailSender over SMTP to GreenMail, or to the Graph API's stand-in for
 * WhatsApp — and read back as the customer receives it.
 */
class SignatureFlowTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    static final String CUSTOMER_MAIL = "dana.signature@example.net";
    static final String CUSTOMER_PHONE = "16505551234";
    static final String PASSWORD = "support-mailbox-password";
    static final String SIGNATURE = "Sam Reed\nAcme Support & Returns";

    private FlowRig rig;
    private SettingsRows settings;
    private Caller agent;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        settings = new SettingsRows(rig.fx);
        agent = rig.fx.user(rig.org, "Sam Reed", Role.AGENT);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** A level's {@code signature}: {@link #SIGNATURE}, its HTML form (null: made from the text) and channels. */
    static String signature(boolean enabled, String html, String... channels) {
        ObjectNode value = Json.mapper().createObjectNode().put("enabled", enabled).put("text", SIGNATURE)
                .put("html", html);
        ArrayNode names = value.putArray("channels");
        for (String channel : channels) {
            names.add(channel);
        }
        return Json.write(Map.of("signature", value));
    }

    /** A conversation with a customer on {@code channel}, the customer's last message a minute ago. */
    private UUID conversation(UUID connection, Channel channel, String customer) {
        UUID contact = rig.fx.contact(rig.org, "Dana Whitfield", channel.wireName(), customer);
        UUID conversation = rig.fx.conversation(rig.org, contact, channel.wireName(),
                ConversationSpec.open(Instant.now().minusSeconds(60)));
        rig.fx.exec("UPDATE conversations SET channel_connection_id = ?, subject = 'Order 4711', last_inbound_at = ?"
                + " WHERE id = ?", connection, Instant.now().minusSeconds(60), conversation);
        return conversation;
    }

    private UUID emailConversation() {
        String mailbox = "support-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";
        GREENMAIL.setUser(mailbox, mailbox, PASSWORD);
        GREENMAIL.setUser(CUSTOMER_MAIL, CUSTOMER_MAIL, "customer-password");
        String config = Json.write(Map.of(
                "imapHost", "127.0.0.1", "imapPort", GREENMAIL.getImap().getPort(), "imapSecurity", "none",
                "smtpHost", "127.0.0.1", "smtpPort", GREENMAIL.getSmtp().getPort(), "smtpSecurity", "none",
                "username", mailbox, "fromName", "Acme Support"));
        UUID connection = rig.own(rig.fx.channelConnection(rig.org, Channel.EMAIL, mailbox, config,
                Map.of("password", PASSWORD)));
        return conversation(connection, Channel.EMAIL, CUSTOMER_MAIL);
    }

    private UUID whatsappConversation() {
        return conversation(rig.connect(Channel.WHATSAPP), Channel.WHATSAPP, CUSTOMER_PHONE);
    }

    /** The agent sends {@code text}; the outbound sender delivers what was handed to the queue. */
    private MessageView agentSends(UUID conversation, String text) {
        MessageView sent = rig.component.submitter().send(agent, new SendRequest(conversation.toString(), text, null,
                null), Optional.empty()).message();
        List<OutboundSend> handed = rig.outbound();
        assertThat(handed).extracting(OutboundSend::messageId).containsExactly(sent.id());
        assertThat(rig.component.delivery().deliver(handed.get(0), 1)).isEqualTo(DeliveryResult.DONE);
        assertThat(rig.fx.one("SELECT status FROM messages WHERE id = ?", sent.id())).isEqualTo("sent");
        return sent;
    }

    /** The customer's mail: its plain and HTML alternatives. */
    private static List<String> receivedParts() throws Exception {
        MimeMessage[] received = GREENMAIL.getReceivedMessagesForDomain("example.net");
        assertThat(received).hasSize(1);
        Multipart alternative = (Multipart) received[0].getContent();
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        // SMTP carries lines as CRLF
        return List.of(((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n"),
                ((String) alternative.getBodyPart(1).getContent()).replace("\r\n", "\n"));
    }

    private String whatsappText() {
        List<RecordedRequest> calls = rig.requests();
        assertThat(calls).hasSize(1);
        return Rows.json(calls.get(0).getBody().utf8()).path("text").path("body").asText();
    }

    private void whatsappAccepts() {
        rig.standIn.nextSend(200, """
                {"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],
                 "messages":[{"id":"wamid.signature-1"}]}""");
    }

    @Test
    void anAgentsEmailReplyHasTheSignatureInTheTextAndTheHtmlPart() throws Exception {
        UUID conversation = emailConversation();
        settings.put(rig.org, SettingScope.USER, agent.userId(), signature(true, null, "email"));

        MessageView sent = agentSends(conversation, "Your order ships today.\nTracking: AB-1.");

        // stored as the agent wrote it, the signature beside it for the sender
        assertThat(sent.content()).isEqualTo("Your order ships today.\nTracking: AB-1.");
        assertThat(sent.metadata().path("signature").path("text").asText()).isEqualTo(SIGNATURE);
        assertThat(sent.metadata().path("signature").path("html").isNull()).isTrue();
        List<String> parts = receivedParts();
        assertThat(parts.get(0)).isEqualTo("Your order ships today.\nTracking: AB-1.\n\n-- \n" + SIGNATURE);
        assertThat(parts.get(1)).isEqualTo("<html><body>Your order ships today.<br>\nTracking: AB-1.<br>\n"
                + "<div class=\"signature\">Sam Reed<br>\nAcme Support &amp; Returns</div></body></html>");
    }

    @Test
    void anHtmlSignatureGoesToTheHtmlPartAndItsTextToThePlainOneForEveryAgentOfTheOrganization() throws Exception {
        UUID conversation = emailConversation();
        String html = "<p><b>Sam Reed</b> &middot; <a href=\"https://acme.example\">Acme</a></p>";
        settings.organization(rig.org, signature(true, html, "email"));

        agentSends(conversation, "Thanks, Dana.");

        List<String> parts = receivedParts();
        assertThat(parts.get(0)).isEqualTo("Thanks, Dana.\n\n-- \n" + SIGNATURE);
        assertThat(parts.get(1)).isEqualTo("<html><body>Thanks, Dana.<br>\n<div class=\"signature\">" + html
                + "</div></body></html>");
    }

    @Test
    void aDisabledSignatureAddsNothing() throws Exception {
        UUID conversation = emailConversation();
        settings.put(rig.org, SettingScope.USER, agent.userId(), signature(false, null, "email"));

        MessageView sent = agentSends(conversation, "Thanks, Dana.");

        assertThat(sent.metadata().has("signature")).isFalse();
        List<String> parts = receivedParts();
        assertThat(parts.get(0)).isEqualTo("Thanks, Dana.");
        assertThat(parts.get(1)).isEqualTo("<html><body>Thanks, Dana.</body></html>");
    }

    @Test
    void aWhatsAppReplyHasNoSignatureWhenItsChannelsDoNotListWhatsApp() {
        UUID conversation = whatsappConversation();
        settings.put(rig.org, SettingScope.USER, agent.userId(), signature(true, null, "email"));
        whatsappAccepts();

        MessageView sent = agentSends(conversation, "Your order ships today.");

        assertThat(sent.content()).isEqualTo("Your order ships today.");
        assertThat(sent.metadata().has("signature")).isFalse();
        assertThat(whatsappText()).isEqualTo("Your order ships today.");
    }

    @Test
    void aWhatsAppReplyEndsWithTheSignatureWhenItsChannelsListWhatsApp() {
        UUID conversation = whatsappConversation();
        settings.put(rig.org, SettingScope.USER, agent.userId(), signature(true, null, "email", "whatsapp"));
        whatsappAccepts();

        MessageView sent = agentSends(conversation, "Your order ships today.");

        assertThat(sent.content()).isEqualTo("Your order ships today.\n\n" + SIGNATURE);
        assertThat(whatsappText()).isEqualTo("Your order ships today.\n\n" + SIGNATURE);
    }

    @Test
    void onAChatChannelTheSignatureCountsForTheTextLimit() {
        UUID conversation = whatsappConversation();
        settings.put(rig.org, SettingScope.USER, agent.userId(), signature(true, null, "whatsapp"));
        String justFits = "x".repeat(4096 - SIGNATURE.length() - 2);

        assertThatThrownBy(() -> rig.component.submitter().send(agent, new SendRequest(conversation.toString(),
                justFits + "x", null, null), Optional.empty()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.toProblem(null).errors()).extracting(FieldError::rule).containsExactly("text-too-long");
                });
        assertThat(rig.fx.count("SELECT count(*) FROM messages WHERE conversation_id = ?", conversation)).isZero();

        whatsappAccepts();
        assertThat(agentSends(conversation, justFits).content()).hasSize(4096);
    }

    @Test
    void theSignatureIsTheSendersOwn() {
        UUID conversation = whatsappConversation();
        settings.put(rig.org, SettingScope.USER, agent.userId(), signature(true, null, "whatsapp"));
        Caller colleague = rig.fx.user(rig.org, "Noor", Role.AGENT);

        MessageView sent = rig.component.submitter().send(colleague, new SendRequest(conversation.toString(),
                "On it.", null, null), Optional.empty()).message();

        assertThat(sent.content()).as("Sam's signature is not Noor's").isEqualTo("On it.");
    }
}
