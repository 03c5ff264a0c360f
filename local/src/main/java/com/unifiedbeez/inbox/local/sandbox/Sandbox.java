package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.Answers.obj;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.local.gateway.GatewayRequest;
import com.unifiedbeez.inbox.local.gateway.GatewayResponse;
import com.unifiedbeez.inbox.local.gateway.Redaction;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel sandbox of the local runtime, under {@value #PREFIX}: stand-ins for the Graph API
 * (WhatsApp, Messenger, Instagram), the Telegram Bot API and Twilio REST that record what we send
 * and answer as the platforms do, followed by the delivery callbacks a real platform sends; a
 * customer who writes on any channel ({@code POST /{channel}/inbound}); what we sent
 * ({@code GET /{channel}/outbox}) and the webhooks it fired at us ({@code GET /{channel}/webhooks}).
 * See local/SANDBOX.md.
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("sandbox");
    public static final String PREFIX = "/local/sandbox";
    /** The pause between the callbacks that follow a send (sent, delivered, read). */
    public static final Duration DEFAULT_CALLBACK_DELAY = Duration.ofMillis(300);

    private final SandboxAccounts accounts;
    private final LocalMailServer mail;
    private final Outbox outbox = new Outbox();
    private final MediaStore media;
    private final WebhookSender webhooks;
    private final GraphApi graph;
    private final TelegramApi telegram;
    private final TwilioApi twilio;
    private final CustomerMessages customers;
    private volatile String selfUrl = "http://localhost" + PREFIX;
    private volatile String webhookBase = "http://localhost";

    /**
     * @param connections  the connections (secrets decrypted) a customer's message is signed for
     * @param mail         the local mail server, or null without email
     * @param metaAppSecret what Meta webhooks are signed with (our INBOX_META_APP_SECRET)
     */
    public Sandbox(SandboxAccounts accounts, ConnectionDirectory connections, LocalMailServer mail,
                   String metaAppSecret, Duration callbackDelay) {
        this.accounts = accounts;
        this.mail = mail;
        MediaStore media = new MediaStore();
        CustomerProfiles profiles = new CustomerProfiles();
        this.webhooks = new WebhookSender(() -> webhookBase, metaAppSecret, callbackDelay, outbox);
        this.graph = new GraphApi(accounts, media, outbox, webhooks, () -> selfUrl, profiles);
        this.telegram = new TelegramApi(accounts, media, outbox);
        this.twilio = new TwilioApi(accounts, media, outbox, webhooks);
        this.customers = new CustomerMessages(accounts, connections, media, telegram, webhooks, mail, () -> selfUrl,
                profiles);
        this.media = media;
    }

    /**
     * Where things are once the HTTP server listens: the sandbox's own base URL (its media links)
     * and the base URL of our webhook endpoints ({webhookBase}/api/webhooks/{channel}).
     */
    public Sandbox listeningOn(String baseUrl, String webhookBaseUrl) {
        this.selfUrl = baseUrl + PREFIX;
        this.webhookBase = webhookBaseUrl;
        return this;
    }

    /** True for the requests this sandbox answers (the rest go to the gateway). */
    public static boolean owns(String rawPath) {
        return rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/");
    }

    public GatewayResponse handle(GatewayRequest request) {
        List<String> s = new ArrayList<>(Arrays.asList(request.rawPath().substring(PREFIX.length()).split("/")));
        s.removeIf(String::isEmpty);
        try {
            GatewayResponse answer = route(request, s);
            // the Bot API's paths carry the bot token, some queries a secret: never in the log
            LOG.info("{} {} {}", request.method(), Redaction.target(request.rawPath(), request.rawQuery()), answer.status());
            return answer;
        } catch (RuntimeException e) {
            LOG.error("sandbox failure on {} {}: {}", request.method(), Redaction.path(request.rawPath()),
                    e.getClass().getName());
            return Answers.problem(500, "Internal Server Error", "the sandbox failed: " + e.getClass().getSimpleName());
        }
    }

    private GatewayResponse route(GatewayRequest request, List<String> s) {
        if (s.isEmpty()) {
            return Answers.json(200, index());
        }
        PlatformRequest platform = new PlatformRequest(request, s.subList(1, s.size()));
        String method = platform.method();
        Optional<Channel> channel = Channel.parse(s.get(0));
        // the channel's own endpoints first: /telegram/inbound is the sandbox's, /telegram/bot.../x the Bot API's
        if (channel.isPresent() && s.size() == 2 && List.of("inbound", "outbox", "webhooks").contains(s.get(1))) {
            String c = channel.get().wireName();
            return switch (method + " " + s.get(1)) {
                case "POST inbound" -> customers.inbound(channel.get(), platform);
                case "GET outbox" -> Answers.json(200, obj("channel", c, "items", channel.get() == Channel.EMAIL
                        ? mailSent() : outbox.calls(c)));
                case "GET webhooks" -> Answers.json(200, obj("channel", c, "items", outbox.webhooks(c)));
                default -> Answers.problem(405, "Method Not Allowed", "use POST inbound, GET outbox or GET webhooks");
            };
        }
        return switch (s.get(0)) {
            case "graph" -> graph.handle(platform);
            case "telegram" -> telegram.handle(platform);
            case "twilio" -> twilio.handle(platform);
            case "media" -> s.size() == 2 ? media.get(s.get(1)).map(m -> Answers.bytes(200, m.mimeType(), m.bytes()))
                    .orElseGet(() -> Answers.problem(404, "Not Found", "no media " + s.get(1)))
                    : Answers.problem(404, "Not Found", "GET " + PREFIX + "/media/{id}");
            default -> Answers.problem(404, "Not Found", "no sandbox endpoint " + request.rawPath() + "; see GET "
                    + PREFIX);
        };
    }

    private List<?> mailSent() {
        if (mail == null) {
            return List.of();
        }
        try {
            return mail.sentFrom(accounts);
        } catch (MessagingException e) {
            throw new IllegalStateException("reading the local mail server: " + e.getMessage(), e);
        }
    }

    /** What the sandbox offers and the accounts it knows (ids only, never a credential). */
    private Object index() {
        List<Object> known = new ArrayList<>();
        for (SandboxAccount a : accounts.all()) {
            known.add(obj("channel", a.channel().wireName(), "connectionId", a.connectionId(),
                    "organizationId", a.organizationId(), "name", a.name(), "externalId", a.externalId(),
                    "config", a.config()));
        }
        return obj("graphApi", selfUrl + "/graph/" + SandboxEnvironment.GRAPH_VERSION,
                "telegramApi", selfUrl + "/telegram", "twilioApi", selfUrl + "/twilio",
                "webhooks", webhookBase + "/api/webhooks/{channel}",
                "mail", mail == null ? null : obj("smtp", "127.0.0.1:" + mail.smtpPort(), "imap", "127.0.0.1:"
                        + mail.imapPort()),
                "endpoints", List.of("POST " + PREFIX + "/{channel}/inbound", "GET " + PREFIX + "/{channel}/outbox",
                        "GET " + PREFIX + "/{channel}/webhooks"),
                "accounts", known);
    }

    @Override
    public void close() {
        webhooks.close();
    }
}
