package com.unifiedbeez.inbox.flow;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.instagram.InstagramWebhook;
import com.unifiedbeez.inbox.channel.messenger.MessengerWebhook;
import com.unifiedbeez.inbox.channel.sms.SmsWebhook;
import com.unifiedbeez.inbox.channel.telegram.TelegramWebhook;
import com.unifiedbeez.inbox.channel.whatsapp.WhatsAppWebhook;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestClock;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testkit.HttpEventBuilder;
import com.unifiedbeez.inbox.testkit.SqsEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What a flow test stands on: real PostgreSQL, an inbound FIFO queue and a media bucket of its own
 * (ElasticMQ, S3Proxy), a MockWebServer standing in for every platform API, the production wiring
 * ({@link FlowComponent}) pointed at all of them, and the platform accounts of the documented
 * fixtures in events/webhooks connected in an organization of the test's own. The accounts are
 * disconnected again on close: a platform account is live in one connection at a time.
 */
final class FlowRig implements AutoCloseable {
    static final Path EVENTS = Path.of("../events/webhooks");
    static final String APP_SECRET = "flow-test-meta-app-secret";
    /** The public base of our webhooks: what Twilio signs, whatever host API Gateway has. */
    static final String WEBHOOK_BASE = "https://inbox.example.test";

    // The accounts named in the fixtures (see each folder's README).
    static final String WHATSAPP_PHONE_NUMBER_ID = "106540352242922";
    static final String WHATSAPP_TOKEN = "EAAflowWhatsAppSystemUserToken";
    static final String PAGE_ID = "106459471234567";
    static final String PAGE_TOKEN = "EAAflowPageAccessToken";
    static final String INSTAGRAM_ACCOUNT_ID = "17841405822304914";
    static final String INSTAGRAM_TOKEN = "EAAflowInstagramPageToken";
    static final String BOT_ID = "7311820473";
    static final String BOT_TOKEN = BOT_ID + ":AAHflowTestBotToken_x1";
    static final String BOT_WEBHOOK_SECRET = "flowWebhookSecret1";
    static final String TWILIO_NUMBER = "+14155550100";
    static final String TWILIO_ACCOUNT_SID = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
    static final String TWILIO_AUTH_TOKEN = "flow-twilio-auth-token";

    final Fixtures fx = Fixtures.onTestDatabase();
    final UUID org = fx.organization("Flow " + UUID.randomUUID());
    final String queueUrl = LocalAws.createQueue(LocalAws.unique("inbound-flow"), true);
    private final String queueArn = LocalAws.queueArn(queueUrl);
    final String bucket = LocalAws.createBucket(LocalAws.unique("media-flow"));
    /** Where accepted sends are handed over (the away reply's, here). */
    final String outboundQueueUrl = LocalAws.createQueue(LocalAws.unique("outbound-flow"), true);
    /** What the pipeline takes for "now": the system's time when the rig starts, moved by the test. */
    final TestClock clock = new TestClock(Instant.now());
    final PlatformStandIn standIn = new PlatformStandIn();
    final MockWebServer platform = new MockWebServer();
    final Config config;
    final FlowComponent component;
    private final List<UUID> connections = new ArrayList<>();

    FlowRig() {
        this(Map.of());
    }

    /** With {@code settings} over the rig's own configuration. */
    FlowRig(Map<String, String> settings) {
        platform.setDispatcher(standIn);
        try {
            platform.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Config base = LocalAws.config(TestDatabase.config())
                .with(SqsInboundQueue.QUEUE_URL, queueUrl)
                .with(SqsOutboundQueue.QUEUE_URL, outboundQueueUrl)
                .with(S3MediaStorage.BUCKET, bucket)
                .with(PlatformEndpoints.GRAPH_API_URL, url("/graph/v23.0"))
                .with(PlatformEndpoints.TELEGRAM_API_URL, url("/telegram"))
                .with(PlatformEndpoints.TWILIO_API_URL, url("/twilio"))
                .with(PlatformEndpoints.META_APP_SECRET, APP_SECRET)
                .with(PlatformEndpoints.WEBHOOK_BASE_URL, WEBHOOK_BASE);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            base = base.with(setting.getKey(), setting.getValue());
        }
        config = base;
        component = DaggerFlowComponent.factory().create(config, clock);
    }

    /** The stand-in's URL for {@code path}. */
    String url(String path) {
        String base = platform.url("/").toString();
        return base.substring(0, base.length() - 1) + path;
    }

    static String fixture(String channel, String file) {
        try {
            return Files.readString(EVENTS.resolve(channel).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects the fixtures' account of {@code channel}, credentials encrypted as the channels API stores them. */
    UUID connect(Channel channel) {
        UUID id = switch (channel) {
            case WHATSAPP -> fx.channelConnection(org, channel, WHATSAPP_PHONE_NUMBER_ID,
                    "{\"wabaId\":\"102290129340398\",\"displayPhoneNumber\":\"15550783881\"}",
                    Map.of("accessToken", WHATSAPP_TOKEN));
            case MESSENGER -> fx.channelConnection(org, channel, PAGE_ID, "{}", Map.of("accessToken", PAGE_TOKEN));
            case INSTAGRAM -> fx.channelConnection(org, channel, INSTAGRAM_ACCOUNT_ID, "{}",
                    Map.of("accessToken", INSTAGRAM_TOKEN));
            case TELEGRAM -> fx.channelConnection(org, channel, BOT_ID, "{}",
                    Map.of("botToken", BOT_TOKEN, "webhookSecret", BOT_WEBHOOK_SECRET));
            case SMS -> fx.channelConnection(org, channel, TWILIO_NUMBER,
                    "{\"accountSid\":\"" + TWILIO_ACCOUNT_SID + "\"}", Map.of("authToken", TWILIO_AUTH_TOKEN));
            case EMAIL -> throw new IllegalArgumentException("email connections come with their GreenMail");
        };
        connections.add(id);
        return id;
    }

    /** A connection this rig disconnects on close. */
    UUID own(UUID connection) {
        connections.add(connection);
        return connection;
    }

    /** The channel's real webhook adapter, configured as its webhook function configures it. */
    WebhookAdapter adapter(Channel channel) {
        return switch (channel) {
            case WHATSAPP -> new WhatsAppWebhook(config);
            case MESSENGER -> new MessengerWebhook(config);
            case INSTAGRAM -> new InstagramWebhook(config);
            case TELEGRAM -> new TelegramWebhook();
            case SMS -> new SmsWebhook();
            case EMAIL -> throw new IllegalArgumentException("email has no webhook");
        };
    }

    /** The headers the platform puts on a delivery of {@code body}, signed as it signs them. */
    static Map<String, String> signedHeaders(Channel channel, String body) {
        Map<String, String> headers = new HashMap<>();
        switch (channel) {
            case WHATSAPP, MESSENGER, INSTAGRAM -> {
                headers.put("content-type", "application/json");
                headers.put("x-hub-signature-256", PlatformSignatures.meta(APP_SECRET, body.getBytes(StandardCharsets.UTF_8)));
            }
            case TELEGRAM -> {
                headers.put("content-type", "application/json");
                headers.put("x-telegram-bot-api-secret-token", BOT_ID + "_" + BOT_WEBHOOK_SECRET);
            }
            case SMS -> {
                headers.put("content-type", "application/x-www-form-urlencoded");
                headers.put("x-twilio-signature", PlatformSignatures.twilio(TWILIO_AUTH_TOKEN,
                        WEBHOOK_BASE + "/api/webhooks/sms", body));
            }
            case EMAIL -> throw new IllegalArgumentException("email has no webhook");
        }
        return headers;
    }

    /**
     * The platform's signed POST of {@code body} to our webhook, through API Gateway (payload v2:
     * JSON as text, Twilio's form base64) and the function's code.
     */
    APIGatewayV2HTTPResponse deliver(Channel channel, String body) {
        APIGatewayV2HTTPEvent event = HttpEventBuilder.request("POST", "/api/webhooks/" + channel.wireName())
                .headers(signedHeaders(channel, body)).rawBody(body.getBytes(StandardCharsets.UTF_8)).build();
        return component.webhooks().handle(event, adapter(channel));
    }

    /** Everything visible on the inbound queue now, as Lambda's SQS event source hands it over. */
    List<SQSMessage> receive() {
        List<SQSMessage> records = new ArrayList<>();
        while (true) {
            List<Message> batch = LocalAws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(60).waitTimeSeconds(0).attributeNamesWithStrings("All")).messages();
            if (batch.isEmpty()) {
                return records;
            }
            for (Message m : batch) {
                records.add(SqsEvents.record(m, queueArn, LocalAws.REGION));
            }
        }
    }

    /**
     * The normalizer's batch, then what Lambda does with ReportBatchItemFailures: the records not
     * reported are deleted, the reported ones become visible again for the next receive.
     */
    List<String> process(List<SQSMessage> records) {
        List<String> failures = component.batch().process(records);
        for (SQSMessage r : records) {
            if (failures.contains(r.getMessageId())) {
                LocalAws.sqs().changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(r.getReceiptHandle())
                        .visibilityTimeout(0));
            } else {
                LocalAws.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(r.getReceiptHandle()));
            }
        }
        return failures;
    }

    /** The sends handed to the outbound queue so far, in order, taken off it. */
    List<OutboundSend> outbound() {
        List<OutboundSend> sends = new ArrayList<>();
        try {
            for (Message m : LocalAws.drain(outboundQueueUrl)) {
                sends.add(Json.mapper().readValue(m.body(), OutboundSend.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sends;
    }

    /** The platform calls made so far, in order, taken off the stand-in's record. */
    List<RecordedRequest> requests() {
        List<RecordedRequest> taken = new ArrayList<>();
        try {
            RecordedRequest r;
            while ((r = platform.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
                taken.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return taken;
    }

    /**
     * An agent's reply accepted into a new conversation with {@code customer} on {@code connection}:
     * stored {@code queued} as MessageSubmitter stores it, the send the outbound queue would hand over.
     */
    OutboundSend queuedReply(UUID connection, Channel channel, String customer, String text) {
        UUID contact = fx.contact(org, "Customer " + customer, channel.wireName(), customer);
        UUID conversation = fx.conversation(org, contact, channel.wireName(),
                ConversationSpec.open(Instant.now().minusSeconds(60)));
        fx.exec("UPDATE conversations SET channel_connection_id = ? WHERE id = ?", connection, conversation);
        return queuedReply(conversation, text);
    }

    /** An agent's reply accepted into an existing conversation, on the conversation's connection. */
    OutboundSend queuedReply(UUID conversation, String text) {
        Caller agent = fx.user(org, "Sam Agent", Role.AGENT);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = Ids.newId();
        fx.exec("""
                INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,
                                      sender_user_id, message_type, content, status, queued_at, enqueued_at,
                                      platform_timestamp, created_at)
                SELECT ?, ?, ?, channel_connection_id, 'outbound', 'user', ?, 'text', ?, 'queued', ?, ?, ?, ?
                  FROM conversations WHERE id = ?""",
                id, org, conversation, agent.userId(), text, now, now, now, now, conversation);
        return new OutboundSend(id, org, conversation);
    }

    byte[] stored(String key) {
        return LocalAws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void close() {
        for (UUID id : connections) {
            fx.exec("UPDATE channel_connections SET status = 'disconnected', disconnected_at = now() WHERE id = ?", id);
        }
        platform.close();
        if (component.dataSource() instanceof AutoCloseable pool) {
            try {
                pool.close();
            } catch (Exception ignored) {
                // the test is over
            }
        }
    }
}
