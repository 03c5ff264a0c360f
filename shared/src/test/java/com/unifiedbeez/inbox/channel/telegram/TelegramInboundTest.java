package com.unifiedbeez.inbox.channel.telegram;

import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.TOKEN;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.apiAt;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.bot;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.closedPort;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.MessageEdit;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class TelegramInboundTest {
    @StartStop
    private final MockWebServer telegram = new MockWebServer();

    private TelegramInbound inbound() {
        return new TelegramInbound(apiAt(telegram.url("/").toString()), new PlatformHttp());
    }

    private InboundMessage only(String fixture) {
        List<InboundEvent> events = inbound().normalizeIncoming(bot(), update(fixture));
        assertThat(events).hasSize(1);
        return (InboundMessage) events.get(0);
    }

    @Test
    void aTextMessage() {
        InboundMessage message = only("message-text.json");

        assertThat(message.externalId()).isEqualTo("1111111:1365");
        assertThat(message.from().identifier()).isEqualTo("1111111");
        assertThat(message.from().displayName()).isEqualTo("Test Firstname Test Lastname");
        assertThat(message.from().phone()).isNull();
        assertThat(message.from().email()).isNull();
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1441645532));
        assertThat(message.type()).isEqualTo(MessageType.TEXT);
        assertThat(message.text()).isEqualTo("/start");
        assertThat(message.media()).isEmpty();
        assertThat(message.replyTo()).isNull();
        assertThat(message.references()).isEmpty();
        assertThat(message.metadata().isEmpty()).isTrue();
    }

    @Test
    void aReplyNamesTheMessageItAnswersInTheSameChat() {
        InboundMessage message = only("message-reply.json");

        assertThat(message.externalId()).isEqualTo("1111111:1365");
        assertThat(message.replyTo()).isEqualTo("1111111:1334");
        assertThat(message.text()).isEqualTo("/start");
    }

    @Test
    void aPhotoKeepsItsLargestSizeAndTheCaptionAsText() {
        InboundMessage message = only("message-photo.json");

        assertThat(message.externalId()).isEqualTo("1111111:1366");
        assertThat(message.type()).isEqualTo(MessageType.IMAGE);
        assertThat(message.text()).isEqualTo("Here is the receipt");
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1441645600));
        assertThat(message.media()).containsExactly(
                new InboundMedia("AgACAgQAAxkBAAIBZ2XlargeXXXXXXXXXXXX", "image/jpeg", null, 97211L));
    }

    @Test
    void aDocumentKeepsItsNameTypeAndSize() {
        InboundMessage message = only("message-document.json");

        assertThat(message.type()).isEqualTo(MessageType.DOCUMENT);
        assertThat(message.text()).isNull();
        assertThat(message.media()).containsExactly(
                new InboundMedia("AwADBAADbXXXXXXXXXXXGBdhD2l6_XX", "application/pdf", "Testfile.pdf", 536392L));
    }

    @Test
    void audioAndVoice() {
        InboundMessage audio = only("message-audio.json");
        assertThat(audio.type()).isEqualTo(MessageType.AUDIO);
        assertThat(audio.media()).containsExactly(
                new InboundMedia("AwADBAADbXXXXXXXXXXXGBdhD2l6_XX", "audio/mpeg", null, 3897500L));
        assertThat(audio.metadata().path("title").asText()).isEqualTo("Test music file");

        InboundMessage voice = only("message-voice.json");
        assertThat(voice.type()).isEqualTo(MessageType.AUDIO);
        assertThat(voice.media()).containsExactly(new InboundMedia("AwADBAADbXXXXXXXXXXXGBdhD2l6_XX", "audio/ogg", null, 23000L));
        assertThat(voice.metadata().path("voice").asBoolean()).isTrue();
    }

    @Test
    void anEditedMessageIsAnEditOfTheSameExternalId() {
        List<InboundEvent> events = inbound().normalizeIncoming(bot(), update("edited-message.json"));

        assertThat(events).containsExactly(new MessageEdit("1111111:1365",
                new InboundEvent.Customer("1111111", "Test Firstname Test Lastname", null, null),
                "Edited text", Instant.ofEpochSecond(1441646600)));
    }

    private void answerCallbackQueryTakes() {
        telegram.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true,\"result\":true}").build());
    }

    @Test
    void aButtonPressIsAnInteractiveReplyToTheBotsMessage() {
        answerCallbackQueryTakes();
        Instant before = Instant.now();
        InboundMessage press = only("callback-query-message.json");

        assertThat(press.externalId()).isEqualTo("cbq:4382bfdwdsb323b2da");
        assertThat(press.type()).isEqualTo(MessageType.INTERACTIVE);
        assertThat(press.text()).isEqualTo("yes");
        assertThat(press.from().identifier()).isEqualTo("1111111");
        assertThat(press.from().displayName()).isEqualTo("Test Firstname Test Lastname");
        assertThat(press.replyTo()).isEqualTo("1111111:1400");
        assertThat(press.metadata().path("interactive").path("callbackQueryId").asText()).isEqualTo("4382bfdwdsb323b2da");
        assertThat(press.metadata().path("interactive").path("data").asText()).isEqualTo("yes");
        assertThat(press.sentAt()).isBetween(before, Instant.now()); // CallbackQuery has no date
    }

    @Test
    void aButtonPressOnAnInlineMessageBelongsToThePresser() {
        answerCallbackQueryTakes();
        InboundMessage press = only("callback-query-inline.json");

        assertThat(press.externalId()).isEqualTo("cbq:4382bfdwdsb323b2d9");
        assertThat(press.from().identifier()).isEqualTo("1111111");
        assertThat(press.text()).isEqualTo("Data from button callback");
        assertThat(press.replyTo()).isNull();
        assertThat(press.metadata().path("interactive").path("inlineMessageId").asText()).isEqualTo("1234csdbsk4839");
    }

    @Test
    void aButtonPressIsAnsweredSoTheClientStopsItsSpinner() throws Exception {
        answerCallbackQueryTakes();

        only("callback-query-message.json");

        RecordedRequest answer = telegram.takeRequest(5, TimeUnit.SECONDS);
        assertThat(answer).as("answerCallbackQuery was called").isNotNull();
        assertThat(answer.getMethod()).isEqualTo("POST");
        assertThat(answer.getTarget()).isEqualTo("/bot" + TOKEN + "/answerCallbackQuery");
        assertThat(answer.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(Json.mapper().readTree(answer.getBody().utf8()))
                .isEqualTo(Json.mapper().readTree("{\"callback_query_id\":\"4382bfdwdsb323b2da\"}"));
        assertThat(telegram.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRefusedOrUnreachableAnswerStillYieldsThePress() {
        telegram.enqueue(new MockResponse.Builder().code(400).body("{\"ok\":false,\"error_code\":400,"
                + "\"description\":\"Bad Request: query is too old and response timeout expired or query ID is invalid\"}").build());
        assertThat(only("callback-query-message.json").externalId()).isEqualTo("cbq:4382bfdwdsb323b2da");
        assertThat(telegram.getRequestCount()).isEqualTo(1);

        TelegramInbound offline = new TelegramInbound(apiAt(closedPort()), new PlatformHttp());
        assertThat(offline.normalizeIncoming(bot(), update("callback-query-message.json")))
                .singleElement().isInstanceOfSatisfying(InboundMessage.class,
                        press -> assertThat(press.externalId()).isEqualTo("cbq:4382bfdwdsb323b2da"));
    }

    @Test
    void otherUpdatesCallNothing() {
        only("message-text.json");
        inbound().normalizeIncoming(bot(), update("edited-message.json"));

        assertThat(telegram.getRequestCount()).isZero();
    }

    @Test
    void locationStickerAndContactFromTheBotApiFields() {
        String location = "{\"update_id\":1,\"message\":{\"message_id\":7,\"date\":1441645532,"
                + "\"chat\":{\"id\":-100200,\"type\":\"group\",\"title\":\"Shop group\"},"
                + "\"from\":{\"id\":5,\"is_bot\":false,\"first_name\":\"Ann\"},"
                + "\"location\":{\"latitude\":52.52,\"longitude\":13.405}}}";
        InboundMessage where = (InboundMessage) inbound().normalizeIncoming(bot(), location).get(0);
        assertThat(where.type()).isEqualTo(MessageType.LOCATION);
        assertThat(where.externalId()).isEqualTo("-100200:7");
        assertThat(where.from().identifier()).isEqualTo("-100200");
        assertThat(where.from().displayName()).isEqualTo("Shop group");
        assertThat(where.metadata().path("location").path("latitude").asDouble()).isEqualTo(52.52);
        assertThat(where.metadata().path("location").path("longitude").asDouble()).isEqualTo(13.405);

        String sticker = "{\"update_id\":2,\"message\":{\"message_id\":8,\"date\":1441645532,"
                + "\"chat\":{\"id\":1111111,\"type\":\"private\",\"username\":\"Testusername\"},"
                + "\"sticker\":{\"file_id\":\"CAACAgIAAxk\",\"file_unique_id\":\"AgAD\",\"type\":\"regular\",\"width\":512,"
                + "\"height\":512,\"is_animated\":false,\"is_video\":false,\"emoji\":\"👍\",\"file_size\":20480}}}";
        InboundMessage thumbs = (InboundMessage) inbound().normalizeIncoming(bot(), sticker).get(0);
        assertThat(thumbs.type()).isEqualTo(MessageType.STICKER);
        assertThat(thumbs.from().displayName()).isEqualTo("Testusername");
        assertThat(thumbs.media()).containsExactly(new InboundMedia("CAACAgIAAxk", "image/webp", null, 20480L));
        assertThat(thumbs.metadata().path("emoji").asText()).isEqualTo("👍");

        String contact = "{\"update_id\":3,\"message\":{\"message_id\":9,\"date\":1441645532,"
                + "\"chat\":{\"id\":1111111,\"type\":\"private\",\"first_name\":\"Test\"},"
                + "\"contact\":{\"phone_number\":\"+14155550123\",\"first_name\":\"Bob\",\"user_id\":42}}}";
        InboundMessage card = (InboundMessage) inbound().normalizeIncoming(bot(), contact).get(0);
        assertThat(card.type()).isEqualTo(MessageType.CONTACTS);
        assertThat(card.metadata().path("contact").path("phoneNumber").asText()).isEqualTo("+14155550123");
        assertThat(card.metadata().path("contact").path("userId").asLong()).isEqualTo(42);
        assertThat(card.from().phone()).isNull(); // the shared card is not the customer's own number
    }

    @Test
    void kindsWeDoNotStoreAreSkippedNotErrors() {
        assertThat(inbound().normalizeIncoming(bot(), update("my-chat-member.json"))).isEmpty();
        String service = "{\"update_id\":4,\"message\":{\"message_id\":10,\"date\":1,\"chat\":{\"id\":-100200,\"type\":\"group\"},"
                + "\"new_chat_title\":\"Renamed\"}}";
        assertThat(inbound().normalizeIncoming(bot(), service)).isEmpty();
    }

    @Test
    void aPayloadThatIsNotAnUpdateIsAnIllegalArgument() {
        assertThatThrownBy(() -> inbound().normalizeIncoming(bot(), "<xml/>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbound().normalizeIncoming(bot(), "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchMediaAsksGetFileThenDownloadsItsPath() throws Exception {
        telegram.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"result\":{\"file_id\":\"AwADBAADbXXXXXXXXXXXGBdhD2l6_XX\",\"file_unique_id\":\"AQAD\","
                        + "\"file_size\":11,\"file_path\":\"documents/file_7.pdf\"}}").build());
        telegram.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/octet-stream")
                .body("%PDF-1.4 hi").build());

        MediaContent file = inbound().fetchMedia(bot(),
                new InboundMedia("AwADBAADbXXXXXXXXXXXGBdhD2l6_XX", "application/pdf", "Testfile.pdf", 536392L));

        assertThat(new String(file.bytes())).isEqualTo("%PDF-1.4 hi");
        assertThat(file.contentType()).isEqualTo("application/pdf");
        assertThat(file.fileName()).isEqualTo("Testfile.pdf");
        RecordedRequest getFile = telegram.takeRequest();
        assertThat(getFile.getMethod()).isEqualTo("POST");
        assertThat(getFile.getTarget()).isEqualTo("/bot" + TOKEN + "/getFile");
        assertThat(getFile.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(Json.mapper().readTree(getFile.getBody().utf8()))
                .isEqualTo(Json.mapper().readTree("{\"file_id\":\"AwADBAADbXXXXXXXXXXXGBdhD2l6_XX\"}"));
        RecordedRequest download = telegram.takeRequest();
        assertThat(download.getMethod()).isEqualTo("GET");
        assertThat(download.getTarget()).isEqualTo("/file/bot" + TOKEN + "/documents/file_7.pdf");
    }

    @Test
    void aPhotoWithoutNameIsNamedByItsFilePath() throws Exception {
        telegram.enqueue(new MockResponse.Builder().code(200)
                .body("{\"ok\":true,\"result\":{\"file_id\":\"p\",\"file_unique_id\":\"u\",\"file_path\":\"photos/file_3.jpg\"}}").build());
        telegram.enqueue(new MockResponse.Builder().code(200).body("jpeg-bytes").build());

        MediaContent photo = inbound().fetchMedia(bot(), new InboundMedia("p", "image/jpeg", null, null));

        assertThat(photo.fileName()).isEqualTo("file_3.jpg");
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void aFileOverTwentyMegabytesIsUnavailableForGood() {
        telegram.enqueue(new MockResponse.Builder().code(400)
                .body("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: file is too big\"}").build());
        assertThatThrownBy(() -> inbound().fetchMedia(bot(), new InboundMedia("big", null, null, 31_457_280L)))
                .isInstanceOfSatisfying(MediaUnavailable.class, e -> assertThat(e.reason()).isEqualTo(
                        "Telegram lets bots download files of up to 20 MB only (getFile: Bad Request: file is too big)"))
                .hasMessageNotContaining(TOKEN);
        assertThat(telegram.getRequestCount()).as("no download is tried").isEqualTo(1);
    }

    @Test
    void aRefusedGetFileIsUnavailableAndADownFileServerAnIOExceptionWithoutTheToken() {
        // issue 8: a 400 is the same on every try (another bot's file_id, a deleted file): stored without it
        telegram.enqueue(new MockResponse.Builder().code(400)
                .body("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: wrong file_id or the file is temporarily unavailable\"}").build());
        assertThatThrownBy(() -> inbound().fetchMedia(bot(), new InboundMedia("gone?", null, null, null)))
                .isInstanceOf(MediaUnavailable.class)
                .hasMessageContaining("temporarily unavailable").hasMessageNotContaining(TOKEN);
        telegram.enqueue(new MockResponse.Builder().code(500)
                .body("{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}").build());
        assertThatThrownBy(() -> inbound().fetchMedia(bot(), new InboundMedia("p", null, null, null)))
                .isInstanceOf(IOException.class).isNotInstanceOf(MediaUnavailable.class).hasMessageContaining("500");

        telegram.enqueue(new MockResponse.Builder().code(200)
                .body("{\"ok\":true,\"result\":{\"file_id\":\"p\",\"file_unique_id\":\"u\",\"file_path\":\"photos/file_3.jpg\"}}").build());
        telegram.enqueue(new MockResponse.Builder().code(502).body("Bad Gateway").build());
        assertThatThrownBy(() -> inbound().fetchMedia(bot(), new InboundMedia("p", null, null, null)))
                .isInstanceOf(IOException.class).hasMessageContaining("502").hasMessageNotContaining(TOKEN);

        TelegramInbound offline = new TelegramInbound(TelegramFixtures.apiAt(closedPort()), new PlatformHttp());
        assertThatThrownBy(() -> offline.fetchMedia(bot(), new InboundMedia("p", null, null, null)))
                .isInstanceOf(IOException.class).hasMessageNotContaining(TOKEN).hasNoCause();
    }
}
