package com.unifiedbeez.inbox.local.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.local.DevTokens;
import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.local.LocalOptions;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.sandbox.LocalMailServer;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.testing.Eventually;
import com.unifiedbeez.inbox.local.testing.LocalApi;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
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
        return new LocalApi(inbox.baseUrl(), token).call(method, path, body, true);
    }

    static <T> T eventually(Callable<Optional<T>> probe) throws Exception {
        return Eventually.within(PATIENCE, "a notification email", probe);
    }
}
