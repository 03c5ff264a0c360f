package com.unifiedbeez.inbox.channel.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailProxy;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What an email test stands on: GreenMail's SMTP + IMAP on free ports, a FIFO inbound queue and a
 * media bucket of the test's own (ElasticMQ, S3Proxy), the test database, and mailbox connections
 * stored encrypted as the channels API stores them. Shared with functions/email-poller's tests.
 */
public final class MailTestbed {
    public static final ServerSetup[] SERVERS = ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP);

    public final Fixtures fx = Fixtures.onTestDatabase();
    public final String queueUrl = LocalAws.createQueue(LocalAws.unique("inbound-email"), true);
    public final String bucket = LocalAws.createBucket(LocalAws.unique("media-email"));
    public final Config config = LocalAws.config(TestDatabase.config())
            .with(SqsInboundQueue.QUEUE_URL, queueUrl)
            .with(S3MediaStorage.BUCKET, bucket);
    public final UUID org = fx.organization("Acme " + UUID.randomUUID());
    private final List<UUID> connections = new ArrayList<>();

    /** A mailbox address no other test uses: connections are unique per address while live. */
    public static String mailbox(String localPart) {
        return localPart + "-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";
    }

    /** The connection config of a mailbox on this GreenMail (plain IMAP and SMTP, as locally). */
    public static String config(GreenMailProxy greenMail, String username) {
        return Json.write(Map.of(
                "imapHost", "127.0.0.1", "imapPort", greenMail.getImap().getPort(), "imapSecurity", "none",
                "smtpHost", "127.0.0.1", "smtpPort", greenMail.getSmtp().getPort(), "smtpSecurity", "none",
                "username", username, "fromName", "Acme Support"));
    }

    /** A live email connection of {@link #org}; {@link #disconnectAll} takes it out of later polls. */
    public UUID connection(String mailbox, String config, String password) {
        UUID id = fx.channelConnection(org, Channel.EMAIL, mailbox, config, Map.of("password", password));
        connections.add(id);
        return id;
    }

    /** Ends this test's connections, so another test's poll does not try a GreenMail that is gone. */
    public void disconnectAll() {
        for (UUID id : connections) {
            fx.exec("UPDATE channel_connections SET status = 'disconnected', disconnected_at = now() WHERE id = ?", id);
        }
    }

    /** Everything on the queue now, oldest first, deleted as read (a FIFO group is held while in flight). */
    public List<InboundEnvelope> drain() {
        List<InboundEnvelope> envelopes = new ArrayList<>();
        while (true) {
            List<Message> batch = LocalAws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(30).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return envelopes;
            }
            for (Message m : batch) {
                try {
                    envelopes.add(Json.mapper().readValue(m.body(), InboundEnvelope.class));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                LocalAws.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    public static JsonNode json(String payload) {
        try {
            return Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] stored(String key) {
        return LocalAws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** A new mail whose Message-ID stays the one the test sets (Jakarta Mail would make one up on save). */
    public static MimeMessage mail() {
        return new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (getHeader("Message-ID") == null) {
                    super.updateMessageID();
                }
            }
        };
    }
}
