package com.unifiedbeez.inbox.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Queued mail (polled from GreenMail into S3) into unified messages: ids, threading, text, HTML, attachments. */
class EmailInboundTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);

    private final MailTestbed bed = new MailTestbed();
    private final Database database = new Database(TestDatabase.dataSource());
    private final ConnectionStore connections = new ConnectionStore(database, new CredentialCipher(bed.config));
    private final S3MediaStorage storage = new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(), bed.config);
    private final EmailPoller poller = new EmailPoller(connections, new MailboxSyncStore(database), storage,
            new SqsInboundQueue(LocalAws.sqs(), bed.config), new MailHosts(bed.config));
    private final EmailInbound inbound = new EmailInbound(storage);

    @AfterEach
    void disconnect() {
        bed.disconnectAll();
    }

    @Test
    void aPolledThreadBecomesThreeMessagesWithTheirThreadingTextHtmlAndAttachment() throws Exception {
        String mailbox = MailTestbed.mailbox("support");
        GreenMailUser user = GREENMAIL.setUser(mailbox, mailbox, "secret");
        UUID id = bed.connection(mailbox, MailTestbed.config(GREENMAIL, mailbox), "secret");
        user.deliver(ThreadMails.first(mailbox));
        user.deliver(ThreadMails.reply(mailbox));
        user.deliver(ThreadMails.answer(mailbox));
        poller.poll();
        List<InboundEnvelope> envelopes = bed.drain();
        assertThat(envelopes).hasSize(3);
        ChannelConnection connection = connections.find(id).orElseThrow();

        InboundMessage first = only(inbound.normalizeIncoming(connection, envelopes.get(0).payload()));
        assertThat(first.externalId()).isEqualTo(ThreadMails.FIRST_ID);
        assertThat(first.from().identifier()).isEqualTo(ThreadMails.CUSTOMER);
        assertThat(first.from().email()).isEqualTo(ThreadMails.CUSTOMER);
        assertThat(first.from().displayName()).isEqualTo("Dana Whitfield");
        assertThat(first.sentAt()).isEqualTo(ThreadMails.FIRST_AT);
        assertThat(first.type()).isEqualTo(MessageType.TEXT);
        assertThat(first.text()).isEqualTo("Hello,\nthe mug in order 1042 arrived broken. Photo attached.\nDana");
        assertThat(first.replyTo()).isNull();
        assertThat(first.references()).isEmpty();
        JsonNode email = first.metadata().path("email");
        assertThat(email.path("subject").asText()).isEqualTo(ThreadMails.SUBJECT);
        assertThat(email.path("messageId").asText()).isEqualTo(ThreadMails.FIRST_ID);
        assertThat(email.path("inReplyTo").isNull()).isTrue();
        assertThat(email.path("to")).extracting(JsonNode::asText).containsExactly(mailbox);
        assertThat(email.path("cc")).extracting(JsonNode::asText).containsExactly("lee@customer.test");
        assertThat(email.path("html").asText()).contains("<b>1042</b>");
        String key = MailTestbed.json(envelopes.get(0).payload()).path("key").asText();
        assertThat(first.media()).singleElement().satisfies(m -> {
            assertThat(m.reference()).isEqualTo(key + "#2");
            assertThat(m.contentType()).isEqualTo("image/jpeg");
            assertThat(m.fileName()).isEqualTo("broken mug.jpg");
            assertThat(m.sizeBytes()).isEqualTo(ThreadMails.PHOTO.length);
        });
        MediaContent photo = inbound.fetchMedia(connection, first.media().get(0));
        assertThat(photo.bytes()).isEqualTo(ThreadMails.PHOTO);
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(photo.fileName()).isEqualTo("broken mug.jpg");

        InboundMessage reply = only(inbound.normalizeIncoming(connection, envelopes.get(1).payload()));
        assertThat(reply.externalId()).isEqualTo(ThreadMails.REPLY_ID);
        assertThat(reply.from().identifier()).isEqualTo(mailbox);
        assertThat(reply.from().displayName()).isEqualTo("Acme Support");
        assertThat(reply.replyTo()).isEqualTo(ThreadMails.FIRST_ID);
        assertThat(reply.references()).containsExactly(ThreadMails.FIRST_ID);
        assertThat(reply.text()).isEqualTo("Sorry to hear that, Dana. A new mug is on its way.");
        assertThat(reply.metadata().path("email").path("html").isNull()).isTrue();
        assertThat(reply.media()).isEmpty();

        InboundMessage answer = only(inbound.normalizeIncoming(connection, envelopes.get(2).payload()));
        assertThat(answer.externalId()).isEqualTo(ThreadMails.ANSWER_ID);
        assertThat(answer.replyTo()).isEqualTo(ThreadMails.REPLY_ID);
        // nearest first: the mail answered, then the thread back to its start
        assertThat(answer.references()).containsExactly(ThreadMails.REPLY_ID, ThreadMails.FIRST_ID);
        assertThat(answer.metadata().path("email").path("references")).extracting(JsonNode::asText)
                .containsExactly(ThreadMails.REPLY_ID, ThreadMails.FIRST_ID);
        assertThat(answer.metadata().path("email").path("subject").asText()).isEqualTo("Re: Re: " + ThreadMails.SUBJECT);
        // HTML only: the text is the HTML's text, styles dropped, entities decoded
        assertThat(answer.text()).isEqualTo("Thank you!\n\nFish & chips on me.\nDana");
        assertThat(answer.metadata().path("email").path("html").asText()).contains("<p>Thank you!</p>");
    }

    @Test
    void aMailWithoutMessageIdGetsAStableIdFromItsBytesAndNoDateMeansNow() {
        String raw = "From: Ann <ann@customer.test>\r\nTo: support@acme.test\r\nSubject: hi\r\n\r\nno id here\r\n";
        String key = "inbound-email/" + UUID.randomUUID() + "/1/1.eml";
        storage.put(key, raw.getBytes(StandardCharsets.US_ASCII), "message/rfc822");
        String payload = "{\"key\":\"" + key + "\",\"uid\":1,\"uidValidity\":1}";
        ChannelConnection connection = new ChannelConnection(UUID.randomUUID(), bed.org,
                com.unifiedbeez.inbox.channel.Channel.EMAIL, "support@acme.test", "x", "active", null, null);

        Instant before = Instant.now();
        InboundMessage once = only(inbound.normalizeIncoming(connection, payload));
        InboundMessage twice = only(inbound.normalizeIncoming(connection, payload));

        assertThat(once.externalId()).startsWith("sha256-").hasSize(7 + 64).isEqualTo(twice.externalId());
        assertThat(once.sentAt()).isAfterOrEqualTo(before.minus(Duration.ofSeconds(1)));
        assertThat(once.text()).isEqualTo("no id here\r\n");
        assertThat(once.from().displayName()).isEqualTo("Ann");
    }

    @Test
    void aPayloadWithoutKeyIsNotAnEmailPayload() {
        ChannelConnection connection = new ChannelConnection(UUID.randomUUID(), bed.org,
                com.unifiedbeez.inbox.channel.Channel.EMAIL, "support@acme.test", "x", "active", null, null);
        assertThatThrownBy(() -> inbound.normalizeIncoming(connection, "{\"uid\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbound.fetchMedia(connection, new InboundMedia("no-hash", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InboundMessage only(List<InboundEvent> events) {
        assertThat(events).hasSize(1);
        return (InboundMessage) events.get(0);
    }
}
