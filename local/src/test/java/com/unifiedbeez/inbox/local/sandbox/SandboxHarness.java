package com.unifiedbeez.inbox.local.sandbox;

import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.local.gateway.JettyGatewayHandler;
import com.unifiedbeez.inbox.local.seed.DemoAccounts;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Migrations;
import com.unifiedbeez.inbox.testkit.EmbeddedDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One sandbox for the sandbox tests (built once per JVM): embedded PostgreSQL with the migrations
 * and the demo seed (connections with encrypted credentials), the local mail server, the sandbox on
 * its own Jetty, and a {@link Receiver} standing where our webhook endpoints are.
 */
final class SandboxHarness {
    static final Duration DELAY = Duration.ofMillis(50);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SandboxHarness instance;

    final EmbeddedDatabase database;
    final LocalMailServer mail;
    final Sandbox sandbox;
    final Server server;
    final Receiver receiver;
    final String baseUrl;

    private SandboxHarness() throws Exception {
        Path data = Files.createTempDirectory("sandbox-test");
        database = LocalInbox.startDatabase(data.resolve(LocalInbox.POSTGRES_FOLDER), 0);
        Migrations.apply(database.dataSource());
        mail = LocalMailServer.start(0, 0);
        SandboxAccounts accounts = DemoAccounts.sandbox(mail.smtpPort(), mail.imapPort());
        mail.withMailboxes(accounts);
        CredentialCipher cipher = new CredentialCipher(Config.of(Map.of(CredentialCipher.KEY,
                SandboxEnvironment.CREDENTIALS_KEY)));
        DemoSeed.seedIfMissing(database.dataSource(), accounts, cipher);
        receiver = new Receiver();
        sandbox = new Sandbox(accounts, new ConnectionStore(new Database(database.dataSource()), cipher), mail,
                SandboxEnvironment.META_APP_SECRET, DELAY);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new JettyGatewayHandler(sandbox::handle));
        server.start();
        baseUrl = "http://127.0.0.1:" + connector.getLocalPort();
        sandbox.listeningOn(baseUrl, receiver.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    static synchronized SandboxHarness get() throws Exception {
        if (instance == null) {
            instance = new SandboxHarness();
        }
        instance.receiver.clear();
        return instance;
    }

    String sandboxUrl() {
        return baseUrl + Sandbox.PREFIX;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(sandboxUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return send(r);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(sandboxUrl() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return send(r);
    }

    private void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // shutting down
        }
        sandbox.close();
        receiver.close();
        mail.close();
        try {
            database.close();
        } catch (Exception ignored) {
            // shutting down
        }
    }
}
