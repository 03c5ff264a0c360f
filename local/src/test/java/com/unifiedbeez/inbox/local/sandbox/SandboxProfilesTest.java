package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_INSTAGRAM_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PAGE_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxPlatformApisTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The User Profile API answers, in Meta's format, the name a customer wrote to the sandbox with. */
class SandboxProfilesTest {
    SandboxHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = SandboxHarness.get();
    }

    private void write(String channel, String from, String name) throws Exception {
        HttpResponse<String> r = h.postJson("/" + channel + "/inbound",
                "{\"from\":\"" + from + "\",\"name\":\"" + name + "\",\"text\":\"hello\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        h.receiver.next();
    }

    @Test
    void messengerProfileOfAPsidThatWroteToThePage() throws Exception {
        write("messenger", "2000000300000777", "Grace Brewster Hopper");

        HttpResponse<String> r = h.get("/graph/v23.0/2000000300000777?fields=first_name,last_name,profile_pic",
                "Authorization", "Bearer " + ACME_PAGE_TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode profile = json(r);
        assertThat(profile.get("first_name").asText()).isEqualTo("Grace");
        assertThat(profile.get("last_name").asText()).isEqualTo("Brewster Hopper");
        assertThat(profile.get("id").asText()).isEqualTo("2000000300000777");
        HttpResponse<String> picture = h.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(profile.get("profile_pic").asText())).GET());
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("content-type")).contains("image/png");
    }

    @Test
    void instagramProfileOfAnIgsidThatWroteToTheAccount() throws Exception {
        write("instagram", "17841400001000777", "Ada Lovelace");

        JsonNode profile = json(h.get("/graph/v23.0/17841400001000777?fields=name,username,profile_pic",
                "Authorization", "Bearer " + ACME_INSTAGRAM_TOKEN));

        assertThat(profile.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(profile.get("username").asText()).isEqualTo("ada.lovelace");
        assertThat(profile.get("profile_pic").asText()).startsWith(h.sandboxUrl() + "/media/");
        assertThat(profile.has("first_name")).isFalse();
    }

    @Test
    void anUnknownIdOrAnotherAccountsTokenIsMetasError() throws Exception {
        write("messenger", "2000000300000888", "Known To The Page");

        HttpResponse<String> unknown = h.get("/graph/v23.0/2000000300000999?fields=first_name",
                "Authorization", "Bearer " + ACME_PAGE_TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(400);
        JsonNode error = json(unknown).get("error");
        assertThat(error.get("type").asText()).isEqualTo("GraphMethodException");
        assertThat(error.get("code").asInt()).isEqualTo(100);
        assertThat(error.get("error_subcode").asInt()).isEqualTo(33);

        // scoped ids are per page: the Instagram account's token does not see the page's PSID
        assertThat(h.get("/graph/v23.0/2000000300000888?fields=name", "Authorization", "Bearer "
                + ACME_INSTAGRAM_TOKEN).statusCode()).isEqualTo(400);
        assertThat(h.get("/graph/v23.0/2000000300000888?fields=first_name", "Authorization", "Bearer nope")
                .statusCode()).isEqualTo(401);
    }
}
