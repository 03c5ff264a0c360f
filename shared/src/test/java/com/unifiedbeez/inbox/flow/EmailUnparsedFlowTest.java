package com.unifiedbeez.inbox.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.email.EmailPoller;
import com.unifiedbeez.inbox.platform.json.Json;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8, section 1: a mail no parser reads as written reaches the inbox all the same — GreenMail
 * IMAP, the real poller and normalizer, ElasticMQ, S3Proxy, PostgreSQL. It is stored once, marked
 * {@code unparsed}, with its headers, the text that can be recovered and its raw MIME kept in the
 * bucket; it neither stops the mailbox's poll nor goes back to the queue.
 */
class EmailUnparsedFlowTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    static final String PASSWORD = "support-mailbox-password";

    /** A raw mail as a client wrote it, the text an agent should see of it, and what Jakarta Mail says of it. */
    record Mail(String name, String raw, String text, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Mail> mails() {
        return Stream.of(
                // Outlook's multipart/related (an HTML mail with inline images) whose body has no
                // boundary line at all: "Missing start boundary".
                new Mail("multipart/related without a start boundary", """
                        From: "Dana Customer" <dana.customer@example.net>
                        To: {mailbox}
                        Subject: =?utf-8?Q?Invoice_2231_is_wrong_=E2=80=93_please_check?=
                        Date: Tue, 3 Mar 2026 09:15:00 +0000
                        Message-ID: <DB9PR01MB9123A1B2C3D4E5F6A7B8C9D0A@DB9PR01MB9123.eurprd01.prod.outlook.com>
                        MIME-Version: 1.0
                        Content-Type: multipart/related;
                        \tboundary="_004_DB9PR01MB9123A1B2C3D4E5F6A7B8C9D0ADB9PR01MB9123eurp_";
                        \ttype="text/html"
                        X-MS-Has-Attach: yes

                        <html><head><style>p {margin:0}</style></head><body><p>Hello,</p><p>invoice 2231 charges \
                        the mug twice.</p><p>Dana</p></body></html>
                        """, "Hello,\n\ninvoice 2231 charges the mug twice.\n\nDana", "Missing start boundary"),
                // The boundary parameter names one boundary, the body uses another.
                new Mail("a boundary parameter the body does not use", """
                        From: Dana Customer <dana.customer@example.net>
                        To: {mailbox}
                        Subject: Invoice 2231 is wrong
                        Date: Tue, 3 Mar 2026 09:15:00 +0000
                        Message-ID: <wrong-boundary.2231@example.net>
                        MIME-Version: 1.0
                        Content-Type: multipart/alternative; boundary="declared-boundary"

                        --actual-boundary
                        Content-Type: text/plain; charset=utf-8

                        Hello, invoice 2231 charges the mug twice.
                        --actual-boundary
                        Content-Type: text/html; charset=utf-8

                        <p>Hello, invoice 2231 charges the mug <b>twice</b>.</p>
                        --actual-boundary--
                        """, "Hello, invoice 2231 charges the mug twice.", "Missing start boundary"),
                // A From header Jakarta Mail refuses (strict addresses): "Missing '>'".
                new Mail("a From header without its closing bracket", """
                        From: Dana Customer <dana.customer@example.net
                        To: {mailbox}
                        Subject: Invoice 2231 is wrong
                        Date: Tue, 3 Mar 2026 09:15:00 +0000
                        Message-ID: <broken-from.2231@example.net>
                        MIME-Version: 1.0
                        Content-Type: text/plain; charset=utf-8

                        Hello, invoice 2231 charges the mug twice.
                        """, "Hello, invoice 2231 charges the mug twice.", "Missing '>'"));
    }

    private FlowRig rig;
    private String mailbox;
    private GreenMailUser support;
    private UUID connection;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        mailbox = "support-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";
        support = GREENMAIL.setUser(mailbox, mailbox, PASSWORD);
        String config = Json.write(Map.of(
                "imapHost", "127.0.0.1", "imapPort", GREENMAIL.getImap().getPort(), "imapSecurity", "none",
                "smtpHost", "127.0.0.1", "smtpPort", GREENMAIL.getSmtp().getPort(), "smtpSecurity", "none",
                "username", mailbox, "fromName", "Acme Support"));
        connection = rig.own(rig.fx.channelConnection(rig.org, Channel.EMAIL, mailbox, config, Map.of("password", PASSWORD)));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mails")
    void aMailNoParserReadsIsStoredUnparsedWithItsHeadersTextAndRawMime(Mail mail) throws Exception {
        byte[] raw = mail.raw().replace("{mailbox}", mailbox).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        support.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));

        EmailPoller.Summary summary = rig.component.poller().poll();
        assertThat(summary.failed()).as("mailboxes that failed").isZero();
        List<SQSMessage> records = rig.receive().stream()
                .filter(r -> Rows.json(r.getBody()).path("connectionId").asText().equals(connection.toString())).toList();
        assertThat(records).hasSize(1);
        assertThat(rig.process(records)).as("batch item failures").isEmpty();
        assertThat(rig.receive()).as("records left on the queue").isEmpty();

        Map<String, Object> message = Rows.one("""
                SELECT m.content, m.metadata, m.platform_timestamp, c.subject, ct.email
                  FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts ct ON ct.id = c.contact_id
                 WHERE m.organization_id = ?""", rig.org);
        assertThat(message.get("content")).isEqualTo(mail.text());
        assertThat(message.get("email")).isEqualTo("dana.customer@example.net");
        assertThat(message.get("platform_timestamp")).isEqualTo(Instant.parse("2026-03-03T09:15:00Z"));
        assertThat((String) message.get("subject")).startsWith("Invoice 2231 is wrong");
        JsonNode metadata = Rows.json(message.get("metadata"));
        assertThat(metadata.path("unparsed").asBoolean()).isTrue();
        assertThat(metadata.path("unparsedReason").asText()).contains(mail.reason());
        assertThat(metadata.path("email").path("to")).extracting(JsonNode::asText).containsExactly(mailbox);
        String rawKey = metadata.path("email").path("raw").asText();
        assertThat(new String(rig.stored(rawKey), StandardCharsets.UTF_8)).contains(mail.text().lines().findFirst()
                .orElseThrow().substring(0, 5));
    }
}
