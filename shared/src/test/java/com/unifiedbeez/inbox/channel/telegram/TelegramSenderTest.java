package com.unifiedbeez.inbox.channel.telegram;

import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.TOKEN;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.apiAt;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.bot;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.closedPort;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutboundMessage.Media;
import com.unifiedbeez.inbox.channel.OutboundMessage.Recipient;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.channel.telegram.TelegramSender.BotCall;
import com.unifiedbeez.inbox.channel.telegram.TelegramSender.FilePart;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TelegramSenderTest {
    private static final String PHOTO_URL = "https://media.example.com/org/a.jpg?X-Amz-Signature=abc";
    private static final String PDF_URL = "https://media.example.com/org/b.pdf?X-Amz-Signature=def";

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /** The media bucket, in S3Proxy. */
    private static MediaStorage storage;

    @StartStop
    private final MockWebServer telegram = new MockWebServer();

    @BeforeAll
    static void mediaBucket() {
        String bucket = LocalAws.createBucket(LocalAws.unique("telegram-media"));
        storage = new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(), Config.of(Map.of(S3MediaStorage.BUCKET, bucket)));
    }

    private TelegramSender sender() {
        return new TelegramSender(apiAt(telegram.url("/").toString()), new PlatformHttp(), storage);
    }

    /** Random bytes stored in the bucket under a fresh key: the attachment as the upload API leaves it. */
    private static Media stored(String contentType, String fileName, int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        String key = "org/" + UUID.randomUUID() + "/" + fileName;
        storage.put(key, bytes, contentType);
        return new Media("https://media.example.com/" + key + "?X-Amz-Signature=abc", key, contentType, fileName, size);
    }

    private static MockResponse sent(int messageId) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"result\":{\"message_id\":" + messageId + ",\"chat\":{\"id\":1111111,"
                        + "\"type\":\"private\"},\"date\":1441645800}}").build();
    }

    private static void assertFile(FormPart part, String name, Media media) {
        assertThat(part.disposition()).isEqualTo("form-data; name=\"" + name + "\"; filename=\"" + media.fileName() + "\"");
        assertThat(part.contentType()).isEqualTo(media.contentType());
        assertThat(part.bytes()).isEqualTo(storage.get(media.storageKey()));
    }

    private static void assertField(FormPart part, String name, String value) {
        assertThat(part.disposition()).isEqualTo("form-data; name=\"" + name + "\"");
        assertThat(part.contentType()).isNull();
        assertThat(part.text()).isEqualTo(value);
    }

    private static OutboundMessage message(MessageType type, String text, ObjectNode metadata, List<Media> media) {
        return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), type, text,
                metadata == null ? Json.mapper().createObjectNode() : metadata,
                new Recipient("1111111", "Test Firstname"), media, null, null);
    }

    private static Media media(String url, String contentType, String name) {
        return new Media(url, "org/" + name, contentType, name, 1000);
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void textWithButtonsIsSendMessageWithAnInlineKeyboard() throws Exception {
        ObjectNode metadata = (ObjectNode) json("{\"interactive\":{\"buttons\":[{\"id\":\"yes\",\"title\":\"Yes\"},"
                + "{\"id\":\"no\",\"title\":\"No\"}]}}");

        BotCall call = TelegramSender.normalizeOutgoing(message(MessageType.INTERACTIVE, "Did this help?", metadata, List.of()));

        assertThat(call.method()).isEqualTo("sendMessage");
        assertThat(call.body()).isEqualTo(json("{\"chat_id\":\"1111111\",\"text\":\"Did this help?\",\"reply_markup\":"
                + "{\"inline_keyboard\":[[{\"text\":\"Yes\",\"callback_data\":\"yes\"}],[{\"text\":\"No\",\"callback_data\":\"no\"}]]}}"));
    }

    @Test
    void plainTextHasNoKeyboard() throws Exception {
        BotCall call = TelegramSender.normalizeOutgoing(message(MessageType.TEXT, "Hello", null, List.of()));

        assertThat(call.method()).isEqualTo("sendMessage");
        assertThat(call.body()).isEqualTo(json("{\"chat_id\":\"1111111\",\"text\":\"Hello\"}"));
    }

    @Test
    void oneAttachmentIsAFilePartOfItsKindWithTheTextAsCaption() throws Exception {
        assertThat(TelegramSender.normalizeOutgoing(message(MessageType.IMAGE, "Receipt", null, List.of(media(PHOTO_URL, "image/jpeg", "a.jpg")))))
                .isEqualTo(new BotCall("sendPhoto", (ObjectNode) json("{\"chat_id\":\"1111111\",\"caption\":\"Receipt\"}"),
                        List.of(new FilePart("photo", "org/a.jpg", "a.jpg", "image/jpeg"))));
        assertThat(TelegramSender.normalizeOutgoing(message(MessageType.DOCUMENT, null, null, List.of(media(PDF_URL, DOCX, "b.docx")))))
                .isEqualTo(new BotCall("sendDocument", (ObjectNode) json("{\"chat_id\":\"1111111\"}"),
                        List.of(new FilePart("document", "org/b.docx", "b.docx", DOCX))));
        assertThat(TelegramSender.normalizeOutgoing(message(MessageType.VIDEO, null, null, List.of(media(PDF_URL, "video/mp4", "c.mp4")))).method())
                .isEqualTo("sendVideo");
        assertThat(TelegramSender.normalizeOutgoing(message(MessageType.AUDIO, null, null, List.of(media(PDF_URL, "audio/mpeg", "d.mp3")))).method())
                .isEqualTo("sendAudio");
        // Telegram plays only MP3/M4A as audio and MPEG-4 as video: anything else goes as a file.
        BotCall ogg = TelegramSender.normalizeOutgoing(message(MessageType.AUDIO, null, null, List.of(media(PDF_URL, "audio/ogg", "e.ogg"))));
        assertThat(ogg.method()).isEqualTo("sendDocument");
        assertThat(ogg.files()).extracting(FilePart::field).containsExactly("document");
    }

    @Test
    void aFileWithoutNameOrTypeIsNamedByItsKeyAndSentAsBytes() {
        BotCall call = TelegramSender.normalizeOutgoing(message(MessageType.DOCUMENT, null, null,
                List.of(new Media(PDF_URL, "org/x/scan-7", null, null, 10))));

        assertThat(call.files()).containsExactly(new FilePart("document", "org/x/scan-7", "scan-7", "application/octet-stream"));
    }

    @Test
    void severalAttachmentsAreOneMediaGroupAttachingTheirPartsCaptionedOnTheFirst() throws Exception {
        BotCall album = TelegramSender.normalizeOutgoing(message(MessageType.IMAGE, "Both sides",
                null, List.of(media(PHOTO_URL, "image/jpeg", "a.jpg"), media(PDF_URL, "video/mp4", "v.mp4"))));
        assertThat(album.method()).isEqualTo("sendMediaGroup");
        assertThat(album.body()).isEqualTo(json("{\"chat_id\":\"1111111\",\"media\":["
                + "{\"type\":\"photo\",\"media\":\"attach://file0\",\"caption\":\"Both sides\"},"
                + "{\"type\":\"video\",\"media\":\"attach://file1\"}]}"));
        assertThat(album.files()).containsExactly(new FilePart("file0", "org/a.jpg", "a.jpg", "image/jpeg"),
                new FilePart("file1", "org/v.mp4", "v.mp4", "video/mp4"));

        BotCall mixed = TelegramSender.normalizeOutgoing(message(MessageType.DOCUMENT, null,
                null, List.of(media(PHOTO_URL, "image/jpeg", "a.jpg"), media(PDF_URL, "application/pdf", "b.pdf"))));
        assertThat(mixed.body().path("media")).extracting(item -> item.path("type").asText())
                .containsExactly("document", "document");
    }

    @Test
    void aPhotoIsUploadedFromTheBucketWithCaptionAndKeyboardAsFields() throws Exception {
        telegram.enqueue(sent(1404));
        Media photo = stored("image/jpeg", "receipt.jpg", 300_000);
        ObjectNode buttons = (ObjectNode) json("{\"interactive\":{\"buttons\":[{\"id\":\"ok\",\"title\":\"OK\"}]}}");

        SendOutcome outcome = sender().send(bot(), message(MessageType.IMAGE, "Your receipt", buttons, List.of(photo)));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("1111111:1404"));
        RecordedRequest request = telegram.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/bot" + TOKEN + "/sendPhoto");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
        List<FormPart> parts = FormPart.of(request);
        assertThat(parts).hasSize(4);
        assertField(parts.get(0), "chat_id", "1111111");
        assertField(parts.get(1), "caption", "Your receipt");
        assertThat(parts.get(2).disposition()).isEqualTo("form-data; name=\"reply_markup\"");
        assertThat(json(parts.get(2).text())).isEqualTo(json("{\"inline_keyboard\":[[{\"text\":\"OK\",\"callback_data\":\"ok\"}]]}"));
        assertFile(parts.get(3), "photo", photo);
        assertThat(parts.get(3).bytes()).hasSize(300_000);
    }

    @Test
    void aWordDocumentIsUploadedAsSendDocument() throws Exception {
        // By URL Telegram's sendDocument takes only GIF, PDF and ZIP: a .docx needs the upload.
        telegram.enqueue(sent(1405));
        Media docx = stored(DOCX, "contract.docx", 42_000);

        SendOutcome outcome = sender().send(bot(), message(MessageType.DOCUMENT, null, null, List.of(docx)));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("1111111:1405"));
        RecordedRequest request = telegram.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/bot" + TOKEN + "/sendDocument");
        List<FormPart> parts = FormPart.of(request);
        assertThat(parts).hasSize(2);
        assertField(parts.get(0), "chat_id", "1111111");
        assertFile(parts.get(1), "document", docx);
    }

    @Test
    void aMediaGroupUploadsEachFileUnderTheNameItsItemAttaches() throws Exception {
        telegram.enqueue(new MockResponse.Builder().code(200)
                .body("{\"ok\":true,\"result\":[{\"message_id\":1406,\"chat\":{\"id\":1111111,\"type\":\"private\"},\"date\":1},"
                        + "{\"message_id\":1407,\"chat\":{\"id\":1111111,\"type\":\"private\"},\"date\":1}]}").build());
        Media front = stored("image/jpeg", "front.jpg", 120_000);
        Media back = stored("image/png", "back.png", 80_000);

        SendOutcome outcome = sender().send(bot(), message(MessageType.IMAGE, "Both sides", null, List.of(front, back)));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("1111111:1406"));
        RecordedRequest request = telegram.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/bot" + TOKEN + "/sendMediaGroup");
        List<FormPart> parts = FormPart.of(request);
        assertThat(parts).hasSize(4);
        assertField(parts.get(0), "chat_id", "1111111");
        assertThat(parts.get(1).disposition()).isEqualTo("form-data; name=\"media\"");
        assertThat(json(parts.get(1).text())).isEqualTo(json("[{\"type\":\"photo\",\"media\":\"attach://file0\","
                + "\"caption\":\"Both sides\"},{\"type\":\"photo\",\"media\":\"attach://file1\"}]"));
        assertFile(parts.get(2), "file0", front);
        assertFile(parts.get(3), "file1", back);
    }

    @Test
    void anUploadTelegramRefusesIsRejectedWithItsWords() {
        telegram.enqueue(new MockResponse.Builder().code(413)
                .body("{\"ok\":false,\"error_code\":413,\"description\":\"Request Entity Too Large\"}").build());

        SendOutcome outcome = sender().send(bot(), message(MessageType.DOCUMENT, null, null, List.of(stored(DOCX, "big.docx", 1000))));

        assertThat(outcome).isEqualTo(new SendOutcome.Rejected("413", "Request Entity Too Large"));
    }

    @Test
    void aFileMissingFromTheBucketIsRetriedWithoutCallingTelegram() {
        Media gone = new Media(PHOTO_URL, "org/" + UUID.randomUUID() + "/gone.jpg", "image/jpeg", "gone.jpg", 10);

        SendOutcome outcome = sender().send(bot(), message(MessageType.IMAGE, null, null, List.of(gone)));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Retry.class,
                retry -> assertThat(retry.reason()).startsWith("attachment unavailable"));
        assertThat(telegram.getRequestCount()).isZero();
    }

    @Test
    void aLocationIsSendLocation() throws Exception {
        ObjectNode metadata = (ObjectNode) json("{\"location\":{\"latitude\":52.52,\"longitude\":13.405,\"name\":\"Shop\"}}");

        assertThat(TelegramSender.normalizeOutgoing(message(MessageType.LOCATION, null, metadata, List.of())))
                .isEqualTo(new BotCall("sendLocation",
                        (ObjectNode) json("{\"chat_id\":\"1111111\",\"latitude\":52.52,\"longitude\":13.405}")));
    }

    @Test
    void anAcceptedSendIsChatAndMessageId() throws Exception {
        telegram.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"result\":{\"message_id\":1401,\"from\":{\"id\":123456789,\"is_bot\":true,"
                        + "\"first_name\":\"Support\"},\"chat\":{\"id\":1111111,\"type\":\"private\"},\"date\":1441645800,"
                        + "\"text\":\"Hello\"}}").build());

        SendOutcome outcome = sender().send(bot(), message(MessageType.TEXT, "Hello", null, List.of()));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("1111111:1401"));
        RecordedRequest request = telegram.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(json(request.getBody().utf8())).isEqualTo(json("{\"chat_id\":\"1111111\",\"text\":\"Hello\"}"));
    }

    @Test
    void anAcceptedAlbumIsItsFirstMessage() {
        telegram.enqueue(new MockResponse.Builder().code(200)
                .body("{\"ok\":true,\"result\":[{\"message_id\":1402,\"chat\":{\"id\":1111111,\"type\":\"private\"},\"date\":1},"
                        + "{\"message_id\":1403,\"chat\":{\"id\":1111111,\"type\":\"private\"},\"date\":1}]}").build());

        SendOutcome outcome = sender().send(bot(), message(MessageType.IMAGE, null, null,
                List.of(stored("image/jpeg", "a.jpg", 10), stored("image/png", "b.png", 10))));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("1111111:1402"));
    }

    @Test
    void chatNotFoundAndBlockedBotAreRejectedWithTelegramsWords() {
        telegram.enqueue(new MockResponse.Builder().code(400)
                .body("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}").build());
        telegram.enqueue(new MockResponse.Builder().code(403)
                .body("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}").build());

        assertThat(sender().send(bot(), message(MessageType.TEXT, "Hi", null, List.of())))
                .isEqualTo(new SendOutcome.Rejected("400", "Bad Request: chat not found"));
        assertThat(sender().send(bot(), message(MessageType.TEXT, "Hi", null, List.of())))
                .isEqualTo(new SendOutcome.Rejected("403", "Forbidden: bot was blocked by the user"));
    }

    @Test
    void floodControlIsRetriedAfterTheSecondsTelegramAsks() {
        telegram.enqueue(new MockResponse.Builder().code(429).body("{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}").build());

        SendOutcome outcome = sender().send(bot(), message(MessageType.TEXT, "Hi", null, List.of()));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Retry.class, retry -> {
            assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(retry.reason()).contains("Too Many Requests");
        });
    }

    @Test
    void serverErrorsAndAnUnreachableApiAreRetriedWithoutTheToken() {
        telegram.enqueue(new MockResponse.Builder().code(500).body("Internal Server Error").build());
        SendOutcome serverError = sender().send(bot(), message(MessageType.TEXT, "Hi", null, List.of()));
        assertThat(serverError).isInstanceOfSatisfying(SendOutcome.Retry.class, retry -> {
            assertThat(retry.retryAfter()).isNull();
            assertThat(retry.reason()).contains("500").doesNotContain(TOKEN);
        });

        TelegramSender offline = new TelegramSender(apiAt(closedPort()), new PlatformHttp(), storage);
        SendOutcome down = offline.send(bot(), message(MessageType.TEXT, "Hi", null, List.of()));
        assertThat(down).isInstanceOfSatisfying(SendOutcome.Retry.class,
                retry -> assertThat(retry.reason()).contains("not reached").doesNotContain(TOKEN));
    }
}
