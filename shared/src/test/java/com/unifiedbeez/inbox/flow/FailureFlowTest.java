package com.unifiedbeez.inbox.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.outbound.DeliveryResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's failure cases with the real WhatsApp adapter: the Graph API failing for a while, Meta
 * refusing a send for good, and a media download failing in the middle of a normalizer batch.
 */
class FailureFlowTest {
    static final String WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3OTk2NjFBNEY2QkE2NUUwMkEA";
    static final String IMAGE_FILE = "/whatsapp_business/attachments/";

    private FlowRig rig;
    private UUID connection;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        connection = rig.connect(Channel.WHATSAPP);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private static String accepted(String wamid) {
        return """
                {"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],
                 "messages":[{"id":"%s"}]}""".formatted(wamid);
    }

    @Test
    void aServerErrorThenSuccessEndsSent() {
        OutboundSend send = rig.queuedReply(connection, Channel.WHATSAPP, "16505551234", "Your parcel left the depot.");
        rig.standIn.nextSend(500, """
                {"error":{"message":"An unexpected error has occurred. Please retry your request later.",
                 "type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"AYn3hC9kQ1x"}}""");
        rig.standIn.nextSend(200, accepted(WAMID));

        DeliveryResult first = rig.component.delivery().deliver(send, 1);
        assertThat(first).isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(Rows.one("SELECT status, external_id, send_lease_until, send_attempts FROM messages WHERE id = ?",
                send.messageId())).containsEntry("status", "queued").containsEntry("external_id", null)
                .containsEntry("send_lease_until", null).containsEntry("send_attempts", 1);

        // the queue hands the record over again after the backoff
        assertThat(rig.component.delivery().deliver(send, 2)).isEqualTo(DeliveryResult.DONE);

        List<RecordedRequest> calls = rig.requests();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getBody().utf8()).isEqualTo(calls.get(0).getBody().utf8());
        assertThat(Rows.json(calls.get(1).getBody().utf8()).path("text").path("body").asText())
                .isEqualTo("Your parcel left the depot.");
        Map<String, Object> message = Rows.one("SELECT * FROM messages WHERE id = ?", send.messageId());
        assertThat(message).containsEntry("status", "sent").containsEntry("external_id", WAMID)
                .containsEntry("error_code", null).containsEntry("error_message", null).containsEntry("send_attempts", 2);
        assertThat(message.get("sent_at")).isNotNull();
    }

    @Test
    void aMetaErrorEndsFailedWithMetasCodeAndMessage() {
        OutboundSend send = rig.queuedReply(connection, Channel.WHATSAPP, "16505551234", "Hello again!");
        // Cloud API error shape and code 131030 from
        // developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
        rig.standIn.nextSend(400, """
                {"error":{"message":"(#131030) Recipient phone number not in allowed list","type":"OAuthException",
                 "code":131030,"error_data":{"messaging_product":"whatsapp",
                 "details":"Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again."},
                 "fbtrace_id":"AazXmB4gT2N"}}""");

        assertThat(rig.component.delivery().deliver(send, 1)).isEqualTo(DeliveryResult.DONE);

        assertThat(rig.requests()).hasSize(1);
        Map<String, Object> message = Rows.one("SELECT * FROM messages WHERE id = ?", send.messageId());
        assertThat(message).containsEntry("status", "failed").containsEntry("external_id", null)
                .containsEntry("error_code", "131030").containsEntry("sent_at", null)
                .containsEntry("error_message", "(#131030) Recipient phone number not in allowed list: Recipient phone"
                        + " number not in allowed list: Add recipient phone number to recipient list and try again.");
        assertThat(message.get("failed_at")).isNotNull();
        assertThat(Rows.list("SELECT payload->>'status' AS status FROM domain_events WHERE organization_id = ? AND name = ?",
                rig.org, DomainEvents.MESSAGE_STATUS)).extracting(r -> r.get("status")).containsExactly("failed");
    }

    @Test
    void aMediaDownloadFailingMidBatchLosesNothingAndStoresNothingTwice() {
        rig.standIn.json("GET", "/graph/v23.0/2754859441498128", """
                {"messaging_product":"whatsapp","url":"%s","mime_type":"image/jpeg","id":"2754859441498128"}"""
                .formatted(rig.url(IMAGE_FILE + "?mid=2754859441498128")));
        rig.standIn.file(IMAGE_FILE + "?mid=2754859441498128", "image/jpeg", PlatformStandIn.bytes("the blue one"));
        rig.standIn.json("GET", "/graph/v23.0/1003383421387256", """
                {"messaging_product":"whatsapp","url":"%s","mime_type":"application/pdf","id":"1003383421387256"}"""
                .formatted(rig.url("/whatsapp_business/documents/?mid=1003383421387256")));
        rig.standIn.file("/whatsapp_business/documents/?mid=1003383421387256", "application/pdf",
                PlatformStandIn.bytes("%PDF order 4711"));
        rig.standIn.down(IMAGE_FILE);

        for (String file : List.of("text.json", "image.json", "document.json")) {
            assertThat(rig.deliver(Channel.WHATSAPP, FlowRig.fixture("whatsapp", file)).getStatusCode()).isEqualTo(200);
        }
        List<SQSMessage> batch = rig.receive();
        assertThat(batch).hasSize(3);

        List<String> failures = rig.process(batch);

        // record 2 fails at its download; 3 is not tried, both go back to the queue in order
        assertThat(failures).containsExactly(batch.get(1).getMessageId(), batch.get(2).getMessageId());
        assertThat(Rows.list("SELECT external_id FROM messages WHERE organization_id = ?", rig.org))
                .extracting(r -> r.get("external_id"))
                .containsExactly("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        assertThat(rig.requests()).extracting(RecordedRequest::getTarget)
                .containsExactly("/graph/v23.0/2754859441498128", IMAGE_FILE + "?mid=2754859441498128");

        // the media host recovers; SQS delivers 2 and 3 again
        rig.standIn.up(IMAGE_FILE);
        List<SQSMessage> again = rig.receive();
        assertThat(again).extracting(SQSMessage::getMessageId).containsExactlyElementsOf(failures);
        assertThat(rig.process(again)).isEmpty();
        assertThat(rig.receive()).isEmpty();

        assertThat(Rows.list("""
                SELECT m.external_id, m.message_type, m.content, a.file_name, a.content_type FROM messages m
                  LEFT JOIN attachments a ON a.message_id = m.id
                 WHERE m.organization_id = ? ORDER BY m.platform_timestamp""", rig.org))
                .extracting(r -> r.get("external_id") + " " + r.get("message_type") + " " + r.get("content") + " "
                        + r.get("file_name") + " " + r.get("content_type"))
                .containsExactly(
                        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA= text Does it come in another color? null null",
                        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgB= image This one, in blue? file-1 image/jpeg",
                        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgD= document My order order-4711.pdf application/pdf");
        assertThat(rig.fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = ?", rig.org,
                DomainEvents.MESSAGE_RECEIVED)).isEqualTo(3);
        assertThat(rig.fx.count("SELECT count(*) FROM conversations WHERE organization_id = ?", rig.org)).isEqualTo(1);
    }
}
