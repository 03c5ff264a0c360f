package com.unifiedbeez.inbox.functions.messages;

import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.call;
import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.drainQueue;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.outbound.OutboundMessageReader;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Completing an upload checks the file's real type from its first bytes, and what is sent is the
 * verified version even if the presigned URL is used again afterwards (S3Proxy underneath).
 */
class UploadVerificationTest {
    private static final String BASE = "/api/inbox/messages";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The README walkthrough's demo file: a PNG signature followed by junk. */
    private static final byte[] README_PNG = "\u0089PNG\r\n\u001a\n demo image bytes".getBytes(StandardCharsets.ISO_8859_1);
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final MediaStorage storage = new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(), MessagesHarness.CONFIG);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private UUID org;
    private Caller sam;
    private UUID conversation;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        sam = fx.user(org, "Sam", Role.AGENT);
        fx.channelConnection(org, "whatsapp");
        UUID alice = fx.contact(org, "Alice", "whatsapp", "44" + UUID.randomUUID());
        conversation = fx.conversation(org, alice, "whatsapp", ConversationSpec.open(now));
        fx.inboundMessage(org, conversation, "Can you send the receipt?", now.minus(5, ChronoUnit.MINUTES));
        drainQueue();
    }

    private record Ticket(String attachmentId, String url) {
    }

    private Ticket start(String contentType, int size) {
        HttpAnswer ticket = call(request("POST", BASE + "/upload").as(sam).body(Json.write(Map.of("conversationId",
                conversation.toString(), "fileName", "receipt", "contentType", contentType, "size", size))));
        assertThat(ticket.status()).as(ticket.json().path("detail").asText()).isEqualTo(201);
        return new Ticket(ticket.json().path("attachment").path("id").asText(), ticket.json().path("upload").path("url").asText());
    }

    private static void put(Ticket ticket, String contentType, byte[] bytes) throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(ticket.url())).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private static HttpAnswer complete(Ticket ticket, Caller who) {
        return call(request("POST", BASE + "/upload/{attachmentId}/complete").path("attachmentId", ticket.attachmentId()).as(who));
    }

    private static byte[] download(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Bytes from hex, or from text after "text:". */
    private static byte[] bytes(String spec) {
        return spec.startsWith("text:") ? spec.substring(5).getBytes(StandardCharsets.ISO_8859_1) : HexFormat.of().parseHex(spec);
    }

    @ParameterizedTest(name = "{0} declared, really {1} -> {3}")
    @CsvSource({
            "image/png,       the README's demo PNG,  README,                                   200",
            "image/png,       a PDF,                  text:%PDF-1.7 a receipt,                  422",
            "image/png,       an HTML page,           text:<!DOCTYPE html><html><body>hi</body></html>, 422",
            "image/png,       nothing recognisable,   000000000000000000000000,                 422",
            "image/png,       a JPEG,                 ffd8ffe000104a46494600010100000100010000, 422",
            "image/jpeg,      a JPEG,                 ffd8ffe000104a46494600010100000100010000, 200",
            "application/pdf, a PDF,                  text:%PDF-1.7 a receipt,                  200",
            "application/pdf, an HTML page,           text:<html><script>alert(1)</script></html>, 422",
            "text/plain,      text,                   text:Order 42: one kettle,                200",
            "video/mp4,       an MP4,                 000000186674797069736f6d0000020069736f6d69736f32, 200",
            "audio/ogg,       an Ogg stream,          4f67675300020000000000000000, 200",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document, a ZIP container, 504b0304140000000800, 200"})
    void completeChecksTheRealTypeFromTheFirstBytes(String declared, String really, String spec, int expected) throws Exception {
        byte[] file = "README".equals(spec) ? README_PNG : bytes(spec);
        Ticket ticket = start(declared, file.length);
        put(ticket, declared, file);
        HttpAnswer done = complete(ticket, sam);
        assertThat(done.status()).as(done.json().path("detail").asText()).isEqualTo(expected);
        if (expected == 200) {
            assertThat(done.json().path("status").asText()).isEqualTo("uploaded");
            assertThat(download(done.json().path("url").asText())).isEqualTo(file);
        } else {
            assertThat(done.json().path("errors").get(0).path("field").asText()).isEqualTo("file");
            assertThat(done.json().path("detail").asText()).contains("by its content");
            assertThat(fx.count("SELECT count(*) FROM attachments WHERE id = ?::uuid AND status = 'pending'"
                    + " AND s3_key LIKE 'uploads/%'", ticket.attachmentId())).as("stays pending: PUT the right file").isEqualTo(1);
        }
    }

    @Test
    void bytesPutAgainAfterVerificationNeverReachTheCustomer() throws Exception {
        byte[] verified = README_PNG;
        byte[] swapped = Arrays.copyOf("<html><body>phishing</body></html>".getBytes(StandardCharsets.UTF_8), verified.length);
        Ticket ticket = start("image/png", verified.length);
        put(ticket, "image/png", verified);
        assertThat(complete(ticket, sam).status()).isEqualTo(200);
        // The presigned PUT is still valid: the same URL takes other bytes of the signed type and length.
        put(ticket, "image/png", swapped);

        HttpAnswer sent = call(request("POST", BASE + "/send").as(sam).body("{\"conversationId\":\"" + conversation
                + "\",\"attachments\":[\"" + ticket.attachmentId() + "\"]}"));
        assertThat(sent.status()).isEqualTo(202);
        String messageId = sent.json().path("id").asText();
        assertThat(drainQueue()).hasSize(1);

        // What the outbound sender reads for this message: a link (Meta, Twilio) and the stored object (Telegram, e-mail).
        OutboundMessage outbound;
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            outbound = new OutboundMessageReader(storage).read(c, org, UUID.fromString(messageId)).orElseThrow();
        }
        assertThat(outbound.media()).hasSize(1);
        assertThat(download(outbound.media().get(0).url())).isEqualTo(verified);
        assertThat(storage.get(outbound.media().get(0).storageKey())).isEqualTo(verified);
        JsonNode history = call(request("GET", BASE + "/{conversationId}").path("conversationId", conversation).as(sam)).json();
        JsonNode last = history.path("items").get(history.path("items").size() - 1);
        assertThat(download(last.path("attachments").get(0).path("url").asText())).isEqualTo(verified);
        // Completing again changes nothing: the verified copy stays what it was.
        assertThat(download(complete(ticket, sam).json().path("url").asText())).isEqualTo(verified);
    }

    @Test
    void readsAndTheCopyArePinnedToTheVersionThatWasChecked() throws Exception {
        Ticket ticket = start("image/png", README_PNG.length);
        put(ticket, "image/png", README_PNG);
        String key = fx.one("SELECT s3_key FROM attachments WHERE id = ?::uuid", ticket.attachmentId());
        String checked = storage.head(key).orElseThrow().etag();
        put(ticket, "image/png", Arrays.copyOf("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), README_PNG.length));
        // The object was replaced between the check and the copy: S3 refuses both on the stale ETag.
        assertThat(storage.readStart(key, checked, 16)).isEmpty();
        assertThat(storage.copyIfUnchanged(key, checked, key + ".copy")).isFalse();
        assertThat(storage.head(key + ".copy")).isEmpty();
        String current = storage.head(key).orElseThrow().etag();
        assertThat(storage.readStart(key, current, 8).orElseThrow()).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    }
}
