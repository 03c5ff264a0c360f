package com.unifiedbeez.inbox.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.PlatformHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** MultipartForm as a server sees it: posted over HTTP, read back with OkHttp's multipart parser. */
class TelegramMultipartTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private RecordedRequest post(MultipartForm form) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        new PlatformHttp().exchange(PlatformHttp.request(server.url("/upload").toString())
                .header("Content-Type", form.contentType()).POST(form.publisher()).build());
        return server.takeRequest();
    }

    @Test
    void fieldsAndFilesArriveAsTheStandardPartsWithALength() throws Exception {
        // Bytes that look like a part boundary must not end the part.
        byte[] file = "line 1\r\n--\r\n--unifiedbeez-\r\n\u0000\u00ff end".getBytes(StandardCharsets.ISO_8859_1);
        MultipartForm form = new MultipartForm()
                .field("chat_id", "1111111")
                .field("caption", "Grüße, \"quoted\"\r\nsecond line")
                .file("document", "Angebot \"final\" Übersicht.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", file);

        RecordedRequest request = post(form);

        assertThat(request.getHeaders().get("Content-Type")).isEqualTo(form.contentType());
        assertThat(request.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(request.getBodySize()));
        assertThat(request.getHeaders().get("Transfer-Encoding")).isNull();
        List<FormPart> parts = FormPart.of(request);
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).disposition()).isEqualTo("form-data; name=\"chat_id\"");
        assertThat(parts.get(0).contentType()).isNull();
        assertThat(parts.get(0).text()).isEqualTo("1111111");
        assertThat(parts.get(1).text()).isEqualTo("Grüße, \"quoted\"\r\nsecond line"); // values are not escaped
        assertThat(parts.get(2).disposition())
                .isEqualTo("form-data; name=\"document\"; filename=\"Angebot %22final%22 Übersicht.docx\"");
        assertThat(parts.get(2).contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(parts.get(2).bytes()).isEqualTo(file);
    }

    @Test
    void everyFormHasItsOwnRandomBoundary() {
        String first = new MultipartForm().contentType();
        String second = new MultipartForm().contentType();

        assertThat(first).matches("multipart/form-data; boundary=unifiedbeez-[0-9a-f]{32}");
        assertThat(second).matches("multipart/form-data; boundary=unifiedbeez-[0-9a-f]{32}").isNotEqualTo(first);
    }

    @Test
    void namesCannotBreakOutOfTheirQuotes() {
        assertThat(MultipartForm.quote("a\"b\r\nc.pdf")).isEqualTo("a%22b%0D%0Ac.pdf");
    }
}
