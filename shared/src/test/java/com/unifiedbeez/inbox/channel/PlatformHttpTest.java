package com.unifiedbeez.inbox.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformHttpTest {
    private static final String AUTH = "Bearer platform-secret";

    private final PlatformHttp http = new PlatformHttp();
    private final MockWebServer api = new MockWebServer();
    private final MockWebServer storage = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        api.start();
        storage.start();
    }

    @AfterEach
    void stop() {
        api.close();
        storage.close();
    }

    @Test
    void aRedirectToAnotherServerIsFollowedWithoutTheAuthorizationHeader() throws Exception {
        api.enqueue(redirect(307, storage.url("/bucket/file.jpg?X-Amz-Signature=s").toString()));
        storage.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/jpeg").body("jpeg").build());

        PlatformHttp.Answer answer = http.exchange(PlatformHttp.request(api.url("/media/1").toString())
                .header("Authorization", AUTH).header("Accept", "image/*").GET().build());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("jpeg");
        assertThat(answer.contentType()).contains("image/jpeg");
        assertThat(api.takeRequest().getHeaders().get("Authorization")).isEqualTo(AUTH);
        RecordedRequest second = storage.takeRequest();
        assertThat(second.getTarget()).isEqualTo("/bucket/file.jpg?X-Amz-Signature=s");
        assertThat(second.getHeaders().get("Authorization")).isNull();
        assertThat(second.getHeaders().get("Accept")).as("other headers still follow").isEqualTo("image/*");
    }

    @Test
    void aRedirectWithinTheSameOriginKeepsTheAuthorizationHeader() throws Exception {
        api.enqueue(redirect(302, "/media/1/content"));
        api.enqueue(new MockResponse.Builder().code(200).body("bytes").build());

        PlatformHttp.Answer answer = http.exchange(PlatformHttp.request(api.url("/media/1").toString())
                .header("Authorization", AUTH).GET().build());

        assertThat(answer.text()).isEqualTo("bytes");
        api.takeRequest();
        RecordedRequest second = api.takeRequest();
        assertThat(second.getTarget()).isEqualTo("/media/1/content");
        assertThat(second.getHeaders().get("Authorization")).isEqualTo(AUTH);
    }

    @Test
    void seeOtherAfterAPostIsAGetAndTemporaryRedirectRepeatsThePost() throws Exception {
        api.enqueue(redirect(303, storage.url("/result").toString()));
        storage.enqueue(new MockResponse.Builder().code(200).body("done").build());
        http.exchange(PlatformHttp.request(api.url("/send").toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build());
        api.takeRequest();
        RecordedRequest get = storage.takeRequest();
        assertThat(get.getMethod()).isEqualTo("GET");
        assertThat(get.getBody()).as("no body").isNull();

        api.enqueue(redirect(307, "/send-here"));
        api.enqueue(new MockResponse.Builder().code(200).body("done").build());
        http.exchange(PlatformHttp.request(api.url("/send").toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build());
        api.takeRequest();
        RecordedRequest post = api.takeRequest();
        assertThat(post.getMethod()).isEqualTo("POST");
        assertThat(post.getBody().utf8()).isEqualTo("{\"a\":1}");
    }

    @Test
    void redirectsStopAfterTheLimitAndTheLastOneIsTheAnswer() throws Exception {
        for (int i = 0; i <= PlatformHttp.MAX_REDIRECTS; i++) {
            api.enqueue(redirect(302, "/loop"));
        }

        PlatformHttp.Answer answer = http.exchange(PlatformHttp.request(api.url("/loop").toString()).GET().build());

        assertThat(answer.status()).isEqualTo(302);
        assertThat(api.getRequestCount()).isEqualTo(PlatformHttp.MAX_REDIRECTS + 1);
    }

    @Test
    void whatIsNotFollowed() {
        HttpRequest secure = HttpRequest.newBuilder(URI.create("https://api.twilio.com/media/1"))
                .header("Authorization", AUTH).build();

        assertThat(PlatformHttp.redirect(secure, 302, Optional.of("http://storage.example.com/f"))).as("https to http").isEmpty();
        assertThat(PlatformHttp.redirect(secure, 302, Optional.empty())).as("no Location").isEmpty();
        assertThat(PlatformHttp.redirect(secure, 304, Optional.of("/f"))).as("not a redirect").isEmpty();
        assertThat(PlatformHttp.redirect(secure, 302, Optional.of("ftp://storage.example.com/f"))).isEmpty();
        assertThat(PlatformHttp.redirect(secure, 302, Optional.of("https://API.twilio.com:443/media/1/c")))
                .get().satisfies(r -> assertThat(r.headers().firstValue("Authorization")).as("same origin").contains(AUTH));
        assertThat(PlatformHttp.redirect(secure, 302, Optional.of("https://api.twilio.com:8443/media/1/c")))
                .get().satisfies(r -> assertThat(r.headers().firstValue("Authorization")).as("another port").isEmpty());
    }

    private static MockResponse redirect(int code, String location) {
        return new MockResponse.Builder().code(code).setHeader("Location", location).build();
    }
}
