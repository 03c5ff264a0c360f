package com.unifiedbeez.inbox.channel.telegram;

import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.TOKEN;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.apiAt;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.bot;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.closedPort;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.outbound.OutboundMessage;
import com.unifiedbeez.inbox.outbound.OutboundMessage.Media;
import com.unifiedbeez.inbox.outbound.OutboundMessage.Recipient;
import com.unifiedbeez.inbox.outbound.SendOutcome;
import com.unifiedbeez.inbox.platform.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class TelegramSenderTest {
    private static final String PHOTO_URL = "https://media.example.com/org/a.jpg?X-Amz-Signature=abc";
    private static final String PDF_URL = "https://media.example.com/org/b.pdf?X-Amz-Signature=def";

    @StartStop
    private final MockWebServer telegram = new MockWebServer();

    private TelegramSender sender() {
        return new TelegramSender(apiAt(telegram.url("/").toString()), new PlatformHttp());
    }

    private static OutboundMessage message(String type, String text, ObjectNode metadata, List<Media> media) {
        return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), type, text,
                metadata == null ? Json.mapper().createObjectNode() : metadata,
                new Recipient("1111111", "Test Firstname"), media, null);
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

        TelegramSender.BotCall call = TelegramSender.normalizeOutgoing(message("interactive", "Did this help?", metadata, List.of()));

        assertThat(call.method()).isEqualTo("sendMessage");
        assertThat(call.body()).isEqualTo(json("{\"chat_id\":\"1111111\",\"text\":\"Did this help?\",\"reply_markup\":"
                + "{\"inline_keyboard\":[[{\"text\":\"Yes\",\"callback_data\":\"yes\"}],[{\"text\":\"No\",\"callback_data\":\"no\"}]]}}"));
    }

    @Test
    void plainTextHasNoKeyboard() throws Exception {
        TelegramSender.BotCall call = TelegramSender.normalizeOutgoing(message("text", "Hello", null, List.of()));

        assertThat(call.method()).isEqualTo("sendMessage");
        assertThat(call.body()).isEqualTo(json("{\"chat_id\":\"1111111\",\"text\":\"Hello\"}"));
    }

    @Test
    void oneAttachmentGoesByUrlWithTheTextAsCaption() throws Exception {
        assertThat(TelegramSender.normalizeOutgoing(message("image", "Receipt", null, List.of(media(PHOTO_URL, "image/jpeg", "a.jpg")))))
                .isEqualTo(new TelegramSender.BotCall("sendPhoto",
                        (ObjectNode) json("{\"chat_id\":\"1111111\",\"photo\":\"" + PHOTO_URL + "\",\"caption\":\"Receipt\"}")));
        assertThat(TelegramSender.normalizeOutgoing(message("document", null, null, List.of(media(PDF_URL, "application/pdf", "b.pdf")))))
                .isEqualTo(new TelegramSender.BotCall("sendDocument",
                        (ObjectNode) json("{\"chat_id\":\"1111111\",\"document\":\"" + PDF_URL + "\"}")));
        assertThat(TelegramSender.normalizeOutgoing(message("video", null, null, List.of(media(PDF_URL, "video/mp4", "c.mp4")))).method())
                .isEqualTo("sendVideo");
        assertThat(TelegramSender.normalizeOutgoing(message("audio", null, null, List.of(media(PDF_URL, "audio/mpeg", "d.mp3")))).method())
                .isEqualTo("sendAudio");
        // Telegram plays only MP3/M4A as audio and MPEG-4 as video: anything else goes as a file.
        assertThat(TelegramSender.normalizeOutgoing(message("audio", null, null, List.of(media(PDF_URL, "audio/ogg", "e.ogg")))).method())
                .isEqualTo("sendDocument");
    }

    @Test
    void severalAttachmentsAreOneMediaGroupCaptionedOnTheFirst() throws Exception {
        TelegramSender.BotCall album = TelegramSender.normalizeOutgoing(message("image", "Both sides",
                null, List.of(media(PHOTO_URL, "image/jpeg", "a.jpg"), media(PDF_URL, "video/mp4", "v.mp4"))));
        assertThat(album.method()).isEqualTo("sendMediaGroup");
        assertThat(album.body()).isEqualTo(json("{\"chat_id\":\"1111111\",\"media\":["
                + "{\"type\":\"photo\",\"media\":\"" + PHOTO_URL + "\",\"caption\":\"Both sides\"},"
                + "{\"type\":\"video\",\"media\":\"" + PDF_URL + "\"}]}"));

        TelegramSender.BotCall mixed = TelegramSender.normalizeOutgoing(message("document", null,
                null, List.of(media(PHOTO_URL, "image/jpeg", "a.jpg"), media(PDF_URL, "application/pdf", "b.pdf"))));
        assertThat(mixed.body().path("media")).extracting(item -> item.path("type").asText())
                .containsExactly("document", "document");
    }

    @Test
    void aLocationIsSendLocation() throws Exception {
        ObjectNode metadata = (ObjectNode) json("{\"location\":{\"latitude\":52.52,\"longitude\":13.405,\"name\":\"Shop\"}}");

        assertThat(TelegramSender.normalizeOutgoing(message("location", null, metadata, List.of())))
                .isEqualTo(new TelegramSender.BotCall("sendLocation",
                        (ObjectNode) json("{\"chat_id\":\"1111111\",\"latitude\":52.52,\"longitude\":13.405}")));
    }

    @Test
    void anAcceptedSendIsChatAndMessageId() throws Exception {
        telegram.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"result\":{\"message_id\":1401,\"from\":{\"id\":123456789,\"is_bot\":true,"
                        + "\"first_name\":\"Support\"},\"chat\":{\"id\":1111111,\"type\":\"private\"},\"date\":1441645800,"
                        + "\"text\":\"Hello\"}}").build());

        SendOutcome outcome = sender().send(bot(), message("text", "Hello", null, List.of()));

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

        SendOutcome outcome = sender().send(bot(), message("image", null, null,
                List.of(media(PHOTO_URL, "image/jpeg", "a.jpg"), media(PHOTO_URL, "image/png", "b.png"))));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("1111111:1402"));
    }

    @Test
    void chatNotFoundAndBlockedBotAreRejectedWithTelegramsWords() {
        telegram.enqueue(new MockResponse.Builder().code(400)
                .body("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}").build());
        telegram.enqueue(new MockResponse.Builder().code(403)
                .body("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}").build());

        assertThat(sender().send(bot(), message("text", "Hi", null, List.of())))
                .isEqualTo(new SendOutcome.Rejected("400", "Bad Request: chat not found"));
        assertThat(sender().send(bot(), message("text", "Hi", null, List.of())))
                .isEqualTo(new SendOutcome.Rejected("403", "Forbidden: bot was blocked by the user"));
    }

    @Test
    void floodControlIsRetriedAfterTheSecondsTelegramAsks() {
        telegram.enqueue(new MockResponse.Builder().code(429).body("{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}").build());

        SendOutcome outcome = sender().send(bot(), message("text", "Hi", null, List.of()));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Retry.class, retry -> {
            assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(retry.reason()).contains("Too Many Requests");
        });
    }

    @Test
    void serverErrorsAndAnUnreachableApiAreRetriedWithoutTheToken() {
        telegram.enqueue(new MockResponse.Builder().code(500).body("Internal Server Error").build());
        SendOutcome serverError = sender().send(bot(), message("text", "Hi", null, List.of()));
        assertThat(serverError).isInstanceOfSatisfying(SendOutcome.Retry.class, retry -> {
            assertThat(retry.retryAfter()).isNull();
            assertThat(retry.reason()).contains("500").doesNotContain(TOKEN);
        });

        TelegramSender offline = new TelegramSender(apiAt(closedPort()), new PlatformHttp());
        SendOutcome down = offline.send(bot(), message("text", "Hi", null, List.of()));
        assertThat(down).isInstanceOfSatisfying(SendOutcome.Retry.class,
                retry -> assertThat(retry.reason()).contains("not reached").doesNotContain(TOKEN));
    }
}
