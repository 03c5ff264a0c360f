package com.unifiedbeez.inbox.local;

import com.unifiedbeez.inbox.local.aws.LocalAwsServices;
import com.unifiedbeez.inbox.local.aws.LocalDynamoDb;
import com.unifiedbeez.inbox.local.aws.LocalResources;
import com.unifiedbeez.inbox.local.events.EventSources;
import com.unifiedbeez.inbox.local.docs.ApiReference;
import com.unifiedbeez.inbox.local.gateway.Gateway;
import com.unifiedbeez.inbox.local.gateway.JettyGatewayHandler;
import com.unifiedbeez.inbox.local.gateway.JwtAuthorizer;
import com.unifiedbeez.inbox.local.gateway.LambdaFunctions;
import com.unifiedbeez.inbox.local.gateway.ProblemErrorHandler;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.local.gateway.ws.WebSocketGateway;
import com.unifiedbeez.inbox.platform.auth.TokenVerifier;
import com.unifiedbeez.inbox.local.gateway.ws.WebSocketLimits;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.local.sandbox.LocalMailServer;
import com.unifiedbeez.inbox.local.sandbox.Sandbox;
import com.unifiedbeez.inbox.local.sandbox.SandboxAccounts;
import com.unifiedbeez.inbox.local.sandbox.SandboxEnvironment;
import com.unifiedbeez.inbox.local.seed.DemoAccounts;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.seed.DemoWebhooks;
import com.unifiedbeez.inbox.local.seed.DemoUser;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Migrations;
import com.unifiedbeez.inbox.testkit.EmbeddedDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole inbox in one process: embedded PostgreSQL (persistent data folder), the migrations,
 * the demo seed, ElasticMQ and S3Proxy with the template's queues and buckets, a local API Gateway
 * on Jetty serving every HttpApi route of template.yaml, its WebSocket API (routes, @connections, limits)
 * on a port of its own, and the template's SQS event source
 * mappings and rate schedules, all with the real function handlers, each built once like a Lambda
 * container.
 *
 * <p>{@link #start(LocalOptions)} returns the running inbox; {@link #close()} stops it.
 */
public final class LocalInbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalInbox.class);
    /** Set by bin/inbox-local: the repository root, where the defaults (template, data folder) are. */
    public static final String ROOT_PROPERTY = "inbox.local.root";

    /** The data folder's subfolder where the local S3 keeps its buckets (one folder each). */
    public static final String S3_FOLDER = "s3";
    /** The data folder's subfolder of PostgreSQL's cluster. */
    public static final String POSTGRES_FOLDER = "postgres";
    /** The inbox's database in that cluster. */
    public static final String DATABASE = "inbox";

    /**
     * Where the start-up time went, in milliseconds. ElasticMQ and S3Proxy start, and the template's
     * queues and buckets are created on them, on another thread while PostgreSQL starts and the
     * migrations and seed run: {@code awsWaitMs} is what the start still waited for that afterwards,
     * {@code sqsMs}, {@code s3Ms} and {@code resourcesMs} are its own parts (overlapping the others);
     * {@code functionsMs} builds the gateway and starts the event sources.
     */
    public record Timings(long postgresMs, long migrateMs, long seedMs, long awsWaitMs, long functionsMs, long sqsMs,
                          long s3Ms, long resourcesMs, long httpMs, long totalMs) {
        @Override
        public String toString() {
            return "ready in " + totalMs + " ms (postgres " + postgresMs + ", migrations " + migrateMs + ", seed "
                    + seedMs + ", then waited " + awsWaitMs + " for SQS/S3 [ElasticMQ " + sqsMs + ", S3Proxy " + s3Ms
                    + ", queues and buckets " + resourcesMs + ", alongside PostgreSQL], gateway and event sources "
                    + functionsMs + ", http " + httpMs + ")";
        }
    }

    private final LocalOptions options;
    private final EmbeddedDatabase database;
    private final LocalAwsServices aws;
    private final LocalDynamoDb dynamo;
    private final LocalResources resources;
    private final Map<String, String> environment;
    private final LambdaFunctions functions;
    private final EventSources events;
    private final Gateway gateway;
    private final Server server;
    private final int port;
    private final Timings timings;
    private final boolean seeded;
    private final int migrationsApplied;
    private final Map<String, String> previousProperties;
    private final LocalMailServer mail;
    private final Sandbox sandbox;
    private final WebSocketGateway webSocket;
    private volatile boolean closed;

    private LocalInbox(LocalOptions options, EmbeddedDatabase database, LocalAwsServices aws, LocalResources resources,
                       Map<String, String> environment, LambdaFunctions functions, EventSources events,
                       Gateway gateway, Server server, int port, Timings timings, boolean seeded, int migrationsApplied,
                       Map<String, String> previousProperties, LocalMailServer mail, Sandbox sandbox,
                       WebSocketGateway webSocket, LocalDynamoDb dynamo) {
        this.options = options;
        this.database = database;
        this.aws = aws;
        this.dynamo = dynamo;
        this.resources = resources;
        this.environment = Map.copyOf(environment);
        this.functions = functions;
        this.events = events;
        this.gateway = gateway;
        this.server = server;
        this.port = port;
        this.timings = timings;
        this.seeded = seeded;
        this.migrationsApplied = migrationsApplied;
        this.previousProperties = previousProperties;
        this.mail = mail;
        this.sandbox = sandbox;
        this.webSocket = webSocket;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(LocalOptions.USAGE);
            return;
        }
        LocalOptions options;
        try {
            Path cwd = Paths.get("").toAbsolutePath();
            // bin/inbox-local names the repository, so it works from any folder
            String root = System.getProperty(ROOT_PROPERTY);
            options = LocalOptions.parse(args, cwd, root == null || root.isBlank() ? cwd : Paths.get(root));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalInbox inbox;
        try {
            inbox = start(options);
        } catch (IOException | IllegalStateException e) {
            // what the user can fix (folder in use, port taken, no template): the message says it
            LOG.error("the local inbox did not start: {}", e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            LOG.error("the local inbox did not start: {}", e.toString(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(inbox::close, "inbox-local-shutdown"));
        inbox.printBanner(System.out);
        inbox.join();
    }

    /** Starts everything and returns once the HTTP port is serving. */
    public static LocalInbox start(LocalOptions options) throws Exception {
        long t0 = System.nanoTime();
        if (!Files.isRegularFile(options.template())) {
            throw new IllegalStateException("no SAM template at " + options.template()
                    + ": run from inside the repository or pass --template FILE");
        }
        SamTemplate template = SamTemplate.load(options.template());
        if (options.fresh()) {
            Path postgres = options.dataDir().resolve(POSTGRES_FOLDER);
            if (Files.isDirectory(postgres)) {
                try {
                    EmbeddedDatabase.stopOrphanedServer(postgres); // refuses when another runtime uses it
                } catch (EmbeddedDatabase.FolderInUse e) {
                    throw inUse(e);
                }
            }
            deleteRecursively(options.dataDir());
        }
        Files.createDirectories(options.dataDir());

        // SQS (ElasticMQ) and S3 (S3Proxy) start on their own thread while PostgreSQL starts.
        String region = Config.fromEnvironment().get(AwsConfig.REGION).orElse(AwsConfig.DEFAULT_REGION);
        ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "inbox-local-aws-start");
            t.setDaemon(true);
            return t;
        });
        Future<AwsStart> awsStart = starter.submit(() -> {
            LocalAwsServices started = LocalAwsServices.start(region, options.sqsPort(), options.s3Port(),
                    options.dataDir().resolve(S3_FOLDER));
            try {
                long t = System.nanoTime();
                LocalResources created = LocalResources.create(template, started.sqs(), started.s3(), region);
                long resourcesMs = ms(t, System.nanoTime());
                // DynamoDB (dynalite, with the template's tables) on a free port
                return new AwsStart(started, created, resourcesMs, LocalDynamoDb.start(template, region, 0));
            } catch (RuntimeException | Error | IOException e) {
                started.close();
                throw e;
            }
        });
        starter.shutdown();
        EmbeddedDatabase database;
        LocalMailServer mail;
        try {
            mail = LocalMailServer.start(options.smtpPort(), options.imapPort());
        } catch (RuntimeException | Error e) {
            closeWhenStarted(awsStart);
            throw new IllegalStateException("the local mail server did not start (SMTP " + options.smtpPort()
                    + ", IMAP " + options.imapPort() + " taken? see --smtp-port/--imap-port): " + e.getMessage(), e);
        }
        try {
            database = startDatabase(options.dataDir().resolve(POSTGRES_FOLDER), options.pgPort());
        } catch (Exception | Error e) {
            mail.close();
            closeWhenStarted(awsStart);
            throw e;
        }
        // The channel sandbox's accounts; the seeded connections hold their credentials, encrypted
        // with the local key (or INBOX_CREDENTIALS_KEY from the environment).
        SandboxAccounts accounts = DemoAccounts.sandbox(mail.smtpPort(), mail.imapPort());
        mail.withMailboxes(accounts);
        CredentialCipher cipher = new CredentialCipher(Config.of(Map.of(CredentialCipher.KEY,
                SandboxEnvironment.properties("http://localhost").get(CredentialCipher.KEY))));
        long t1 = System.nanoTime();
        Map<String, String> previous = new LinkedHashMap<>();
        LocalAwsServices aws = null;
        LocalDynamoDb dynamo = null;
        LambdaFunctions functions = null;
        EventSources events = null;
        Gateway gateway = null;
        Server server = null;
        Sandbox sandbox = null;
        WebSocketGateway webSocket = null;
        try {
            int applied = Migrations.apply(database.dataSource()).migrationsExecuted;
            long t2 = System.nanoTime();
            boolean seeded = options.seed() && DemoSeed.seedIfMissing(database.dataSource(), accounts, cipher);
            long t3 = System.nanoTime();
            AwsStart awsStarted = awaitAws(awsStart);
            aws = awsStarted.aws();
            dynamo = awsStarted.dynamo();
            LocalResources resources = awsStarted.resources();
            long t4 = System.nanoTime();

            // The functions built in this process read their configuration from these (Config overlays
            // system properties on the environment): this database, the local SQS and S3, and the
            // template's environment variables that name a queue or bucket (!Ref / !GetAtt).
            // The HTTP port is bound first: the sandbox's URLs and our webhook base URL carry it.
            server = httpServer(options.port());
            ServerConnector connector = (ServerConnector) server.getConnectors()[0];
            connector.open();
            int port = connector.getLocalPort();
            String baseUrl = "http://localhost:" + port;
            // The WebSocket API's port too: functions that post to @connections are given its URL.
            functions = new LambdaFunctions(Thread.currentThread().getContextClassLoader());
            if (template.webSocketApi().isPresent()) {
                webSocket = new WebSocketGateway(template, functions, WebSocketLimits.API_GATEWAY);
                bindWebSocket(webSocket, options.wsPort());
            }
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put(Config.DB_URL, database.jdbcUrl());
            properties.put(Config.DB_USER, EmbeddedDatabase.USER);
            properties.put(Config.DB_PASSWORD, EmbeddedDatabase.USER);
            properties.putAll(aws.properties());
            properties.putAll(dynamo.properties());
            // $connect verifies the dev tokens itself, as the HTTP API's authorizer here does (HS256)
            properties.put(TokenVerifier.ISSUER, JwtAuthorizer.LOCAL_ISSUER);
            properties.put(TokenVerifier.AUDIENCE, JwtAuthorizer.LOCAL_AUDIENCE);
            properties.put(TokenVerifier.JWKS_URL, "");
            properties.put(Config.JWT_SECRET, options.jwtSecret());
            Map<String, String> environment = new LinkedHashMap<>(resources.environment(template.functions()));
            environment.putAll(dynamo.environment(template.functions()));
            if (webSocket != null) {
                environment.putAll(webSocket.environment(template.functions()));
            }
            properties.putAll(environment);
            // the platforms' APIs are the sandbox's, our webhooks are here, the local secrets
            Map<String, String> sandboxProperties = SandboxEnvironment.properties(baseUrl);
            properties.putAll(sandboxProperties);
            // notification emails (mentions, assignments) go to the local mail server
            properties.putAll(mail.notificationMailbox());
            properties.forEach((key, value) -> {
                previous.put(key, System.getProperty(key));
                System.setProperty(key, value);
            });

            gateway = new Gateway(template.httpRoutes(), new JwtAuthorizer(options.jwtSecret()),
                    "localhost:" + port, functions).withCors(template.cors().orElse(null));
            ConnectionStore connections = new ConnectionStore(new Database(database.dataSource()), cipher);
            sandbox = new Sandbox(accounts, connections, mail,
                    sandboxProperties.get(PlatformEndpoints.META_APP_SECRET),
                    Duration.ofMillis(options.callbackDelayMs())).listeningOn(baseUrl, baseUrl);
            events = EventSources.start(template, resources, functions, aws.sqs(), region);
            long t5 = System.nanoTime();
            Gateway routes = gateway;
            Sandbox platforms = sandbox;
            ApiReference reference = new ApiReference();
            server.setHandler(new JettyGatewayHandler(r -> Sandbox.owns(r.rawPath()) ? platforms.handle(r)
                    : ApiReference.owns(r.rawPath()) ? reference.handle(r) : routes.handle(r)));
            server.start();
            if (webSocket != null) {
                webSocket.start();
            }
            // the seeded bots' webhooks, as connect registers them (the sandbox forgets them on stop)
            DemoWebhooks.registerTelegram(connections, Config.fromEnvironment());
            long t6 = System.nanoTime();
            Timings timings = new Timings(ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5),
                    aws.sqsStartMs(), aws.s3StartMs(), awsStarted.resourcesMs(), ms(t5, t6), ms(t0, t6));
            LOG.info("{} routes of {} functions, {} queues, {} buckets, {} SQS event sources, {} schedules from {}; {}",
                    gateway.routeCount(), gateway.functionNames().size(), resources.queues().size(),
                    resources.buckets().size(), events.sqs().size(), events.schedules().size(), options.template(),
                    timings);
            return new LocalInbox(options, database, aws, resources, environment, functions, events, gateway, server,
                    port, timings, seeded, applied, previous, mail, sandbox, webSocket, dynamo);
        } catch (Exception | Error e) {
            if (server != null) {
                server.stop();
            }
            if (webSocket != null) {
                webSocket.close();
            }
            if (sandbox != null) {
                sandbox.close();
            }
            if (events != null) {
                events.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            if (functions != null) {
                functions.close();
            }
            restore(previous);
            if (aws != null) {
                dynamo.close();
                aws.close();
            } else {
                closeWhenStarted(awsStart);
            }
            database.close();
            mail.close();
            throw e;
        }
    }

    private static void bindWebSocket(WebSocketGateway webSocket, int port) throws IOException {
        try {
            webSocket.bind(port);
        } catch (IOException e) {
            throw new IOException("the WebSocket API's port " + port + " is taken (see --ws-port): " + e.getMessage(), e);
        }
    }

    /**
     * The runtime's PostgreSQL on {@code folder} (initialised there on first use, reused as is
     * afterwards: data survives restarts), the inbox in database {@value #DATABASE}.
     */
    public static EmbeddedDatabase startDatabase(Path folder, int port) throws IOException {
        try {
            return EmbeddedDatabase.onFolder(folder).port(port).database(DATABASE).start();
        } catch (EmbeddedDatabase.FolderInUse e) {
            throw inUse(e);
        }
    }

    private static IOException inUse(EmbeddedDatabase.FolderInUse e) {
        return new IOException("the data folder " + e.folder() + " is in use by another running local inbox;"
                + " stop it first or pass --data with another folder", e);
    }

    /** ElasticMQ and S3Proxy started, and the template's queues and buckets created on them. */
    private record AwsStart(LocalAwsServices aws, LocalResources resources, long resourcesMs, LocalDynamoDb dynamo) {
        void close() {
            dynamo.close();
            aws.close();
        }
    }

    private static AwsStart awaitAws(Future<AwsStart> start) throws Exception {
        try {
            return start.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Stops the SQS/S3 stand-ins once their start (which may still be running) is over. */
    private static void closeWhenStarted(Future<AwsStart> start) {
        try {
            start.get(120, TimeUnit.SECONDS).close();
        } catch (Exception ignored) {
            // it failed to start: nothing to stop
        }
    }

    static Server httpServer(int port) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("inbox-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // Room for the gateway to see (and refuse as problem+json) a URL over API Gateway's limits.
        http.setRequestHeaderSize(64 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("localhost");
        connector.setPort(port);
        server.addConnector(connector);
        server.setErrorHandler(new ProblemErrorHandler()); // what Jetty refuses itself, as problem+json too
        server.setStopTimeout(2_000);
        return server;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Timings timings() {
        return timings;
    }

    /** True when this start seeded the demo data (a new database). */
    public boolean seeded() {
        return seeded;
    }

    public int migrationsApplied() {
        return migrationsApplied;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    /** The channel sandbox (platform stand-ins, customers on every channel). */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** The local mail server. */
    public LocalMailServer mail() {
        return mail;
    }

    /** The local SQS and S3. */
    public LocalAwsServices aws() {
        return aws;
    }

    /** The template's queues and buckets as created locally. */
    public LocalResources resources() {
        return resources;
    }

    /**
     * The environment variables of the template's functions that name a local queue or bucket, or the
     * WebSocket API (its management endpoint here), resolved.
     */
    public Map<String, String> environment() {
        return environment;
    }

    /** The template's WebSocket API, served locally (empty when the template has none). */
    public Optional<WebSocketGateway> webSocket() {
        return Optional.ofNullable(webSocket);
    }

    /** The running SQS event source mappings and schedules. */
    public EventSources events() {
        return events;
    }

    public LocalOptions options() {
        return options;
    }

    /** The base URL, and for each demo user a dev token and a curl line to try. */
    public void printBanner(PrintStream out) {
        String line = "=".repeat(100);
        out.println(line);
        out.println("UnifiedBeez Inbox (local) is running at " + baseUrl());
        out.println("  " + timings + (seeded ? "; demo data seeded" : "; existing data reused"));
        out.println("  data: " + options.dataDir() + "   postgres: " + database.jdbcUrl() + " (user postgres)");
        out.println("  routes: " + gateway.routeCount() + " from " + options.template());
        if (webSocket != null) {
            out.println("  WebSocket API: " + webSocket.url() + " (or /" + webSocket.stageName() + "; routes "
                    + String.join(", ", webSocket.routeKeys()) + ")   @connections: " + webSocket.managementEndpoint());
        }
        out.println("  API reference: " + baseUrl() + ApiReference.DOCS_PATH + "   (the contract: " + baseUrl()
                + ApiReference.DOCUMENT_PATH + ")");
        out.println("  SQS (ElasticMQ, in memory): " + aws.sqsEndpoint() + "   S3 (S3Proxy, files in "
                + aws.s3Directory() + "): " + aws.s3Endpoint() + "   region " + aws.region()
                + ", access key/secret local/local");
        resources.queues().values().forEach(q -> out.println("  queue  " + q.logicalId() + ": " + q.url()
                + (q.attributes().containsKey("RedrivePolicy") ? "  (redrive: " + q.attributes().get("RedrivePolicy")
                + ")" : "")));
        resources.buckets().values().forEach(b -> out.println("  bucket " + b.logicalId() + ": " + b.name()));
        out.println("  DynamoDB (dynalite, in memory): " + dynamo.endpoint());
        dynamo.tables().forEach((id, name) -> out.println("  table  " + id + ": " + name));
        events.sqs().forEach(e -> out.println("  event  " + e.mapping().functionName() + " <- SQS " + e.queue().name()
                + " (batch " + e.mapping().batchSize() + (e.mapping().reportBatchItemFailures()
                ? ", ReportBatchItemFailures" : "") + ")"));
        events.schedules().forEach(e -> out.println("  event  " + e.schedule().functionName() + " <- "
                + e.schedule().expression() + " (first in " + e.period().toSeconds() + " s)"));
        events.skipped().forEach(e -> out.println("  not run locally: " + e));
        environment.forEach((k, v) -> out.println("  env    " + k + "=" + v));
        out.println("  channel sandbox: " + baseUrl() + Sandbox.PREFIX + "  (Graph API, Telegram Bot API, Twilio stand-ins;"
                + " see local/SANDBOX.md)   mail (GreenMail): SMTP 127.0.0.1:" + mail.smtpPort() + ", IMAP 127.0.0.1:"
                + mail.imapPort());
        out.println();
        out.println("Dev tokens (HS256, INBOX_JWT_SECRET" + (DevTokens.DEFAULT_SECRET.equals(options.jwtSecret())
                ? " default '" + DevTokens.DEFAULT_SECRET + "'" : " from the environment") + ", iss '" + DevTokens.ISSUER
                + "', aud '" + DevTokens.AUDIENCE + "', valid 30 days):");
        for (DemoUser user : DemoSeed.USERS) {
            out.println();
            out.println("  " + user.name() + " (" + user.role() + ", " + user.organizationName() + ")  user "
                    + user.id());
            out.println("  export TOKEN_" + user.handle().toUpperCase() + "=" + DevTokens.mint(options.jwtSecret(), user));
        }
        out.println();
        out.println("Try:");
        out.println("  curl -H \"Authorization: Bearer $TOKEN_SAM\" '" + baseUrl()
                + "/api/inbox/conversations?view=mine'");
        out.println("  curl -H \"Authorization: Bearer $TOKEN_ADA\" '" + baseUrl()
                + "/api/inbox/conversations?view=all&limit=5'");
        out.println("  curl -H \"Authorization: Bearer $TOKEN_GRACE\" '" + baseUrl()
                + "/api/inbox/conversations?view=all'   # Globex: another tenant");
        out.println("  curl -X POST -H 'Content-Type: application/json' " + baseUrl() + Sandbox.PREFIX
                + "/whatsapp/inbound -d '{\"from\":\"447700900123\",\"name\":\"Maria\",\"text\":\"Hi!\"}'");
        out.println(line);
        out.flush();
    }

    public void join() {
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server: {}", e.toString());
        }
        if (webSocket != null) {
            webSocket.close(); // its connections' $disconnect runs while the functions are still there
        }
        sandbox.close();
        events.close();
        gateway.close();
        functions.close();
        restore(previousProperties);
        dynamo.close();
        aws.close();
        mail.close();
        try {
            database.close();
        } catch (IOException e) {
            LOG.warn("stopping PostgreSQL: {}", e.toString());
        }
    }

    private static void restore(Map<String, String> previous) {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
