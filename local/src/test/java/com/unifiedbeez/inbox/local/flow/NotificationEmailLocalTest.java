package com.unifiedbeez.inbox.local.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.DevTokens;
import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.local.LocalOptions;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.sandbox.LocalMailServer;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's notification emails in the local runtime: Ada mentions Sam in a note through the API,
 * the event is numbered by the realtime fan-out, the notifications schedule runs, and the mail is in
 * Sam's mailbox on the local mail server, read over IMAP as a mail client would.
 */
class NotificationEmailLocalTest {
    static final String SECRET = "notification-email-local-test";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    static LocalInbox inbox;

    @BeforeAll
    static void start() throws Exception {
        Path template = RepoPaths.findTemplate(Path.of("")).orElseThrow();
        inbox = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withTemplate(template).withJwtSecret(SECRET));
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void aMentionThroughTheApiLandsInTheMentionedAgentsLocalMailbox() throws Exception {
        String ada = DevTokens.mint(SECRET, DemoSeed.ADA);
        JsonNode conversation = call(ada, "GET", "/api/inbox/conversations?view=all&limit=1", null).path("items").get(0);
        String id = conversation.path("id").asText();
        call(ada, "POST", "/api/inbox/conversations/" + id + "/notes",
                Map.of("content", "Sam, can you call <them> back?", "mentions", List.of(DemoSeed.SAM.id().toString())));

        Message mail = eventually(() -> {
            inbox.events().fire("NotificationMailerFunction", "EveryMinute");
            return inbox(DemoSeed.SAM.email()).stream().findFirst();
        });

        assertThat(mail.getSubject()).startsWith("Ada Admin mentioned you in a conversation with ");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(LocalMailServer.NOTIFICATIONS_FROM);
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
    }

    /** The mails in a user's mailbox, read over IMAP: GreenMail made it on delivery, the address as login and password. */
    static List<Message> inbox(String address) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", Integer.toString(inbox.mail().imapPort()));
        Store store = Session.getInstance(properties).getStore("imap");
        try {
            store.connect(address, address);
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return List.of(); // no mail delivered to it yet
        }
        try {
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            List<Message> messages = List.of(folder.getMessages());
            for (Message m : messages) {
                m.getSubject(); // fetched while the folder is open
                m.getFrom();
                m.isMimeType("multipart/alternative");
            }
            return messages;
        } finally {
            store.close();
        }
    }

    static JsonNode call(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(inbox.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    interface Probe<T> {
        Optional<T> call() throws Exception;
    }

    static <T> T eventually(Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Optional<T> answer = probe.call();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no notification email within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
