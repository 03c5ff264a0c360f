package com.unifiedbeez.inbox.local.gateway.ws;

import com.unifiedbeez.inbox.local.gateway.LambdaFunctions;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API Gateway WebSocket API: the template's WebSocket API served on 127.0.0.1, its routes'
 * functions run in the runtime's function containers (the same instances as their other event
 * sources), with API Gateway's route selection, two-way routes, limits and, on the same port, the
 * management API ({@code @connections}) the functions post to.
 *
 * <p>Clients connect to {@link #url()} ({@code ws://localhost:<port>}, or with the stage path,
 * {@code /prod}); an {@code ApiGatewayManagementApiClient} takes {@link #managementEndpoint()} as its
 * endpoint override. {@link #bind(int)} takes the port (0: a free one), {@link #start()} serves.
 */
public final class WebSocketGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("gateway.ws");
    /** The apiId in the events' requestContext. */
    public static final String API_ID = "local";
    private static final String HOST = "127.0.0.1";

    private final SamTemplate.WebSocketApi api;
    private final WebSocketLimits limits;
    private final ExecutorService invocationPool = Executors.newCachedThreadPool(daemon("inbox-ws-invoke"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("inbox-ws-limits"));
    private final Connections connections;
    private final WebSocketIntegrations integrations;
    private final Server server;
    private final ServerConnector connector;
    private volatile boolean closed;

    /**
     * @param template  a template with a WebSocket API ({@link SamTemplate#webSocketApi()})
     * @param functions the runtime's function containers (not closed here)
     */
    public WebSocketGateway(SamTemplate template, LambdaFunctions functions, WebSocketLimits limits) {
        this.api = template.webSocketApi().orElseThrow(
                () -> new IllegalArgumentException("the template declares no WebSocket API"));
        this.limits = limits;
        this.connections = new Connections(timers, limits);
        this.integrations = new WebSocketIntegrations(api, template, functions, limits, API_ID);

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("inbox-ws");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(HOST);
        server.addConnector(connector);
        UpgradeCreator creator = new UpgradeCreator(integrations, connections, invocationPool);
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxFrameSize(limits.frameBytes());
            container.setMaxTextMessageSize(limits.messageBytes());
            container.setMaxBinaryMessageSize(limits.messageBytes());
            // a larger frame is refused (1009), not split; the gateway splits what it sends itself
            container.setAutoFragment(false);
            // Jetty's own timeout is only a backstop: the idle limit is Connections' (1001 "Going away")
            container.setIdleTimeout(limits.idle().multipliedBy(2).plus(Duration.ofSeconds(30)));
            container.addMapping("/*", creator);
        });
        upgrade.setHandler(new NotAnUpgrade());
        server.setHandler(new ManagementApi(connections, limits, api.stageName(), upgrade));
        server.setStopTimeout(2_000);
    }

    /** Opens the port (0: a free one) without serving yet; returns it. */
    public int bind(int port) throws IOException {
        connector.setPort(port);
        connector.open();
        return connector.getLocalPort();
    }

    /** Serves (binding a free port first if {@link #bind(int)} was not called). */
    public WebSocketGateway start() throws Exception {
        server.start();
        LOG.info("WebSocket API {} on {} (stage {}, routes {}, selection {})", api.logicalId(), url(), api.stageName(),
                integrations.routes().keySet(), api.routeSelectionExpression());
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Where clients connect: {@code ws://localhost:<port>} ({@code /<stage>} is accepted too). */
    public String url() {
        return "ws://localhost:" + port();
    }

    /** The management API's endpoint, for an {@code ApiGatewayManagementApiClient}'s endpointOverride. */
    public String managementEndpoint() {
        return "http://" + HOST + ":" + port();
    }

    public String stageName() {
        return api.stageName();
    }

    public List<String> routeKeys() {
        return List.copyOf(integrations.routes().keySet());
    }

    public int openConnections() {
        return connections.size();
    }

    /**
     * The local value of every function environment variable that refers to this WebSocket API
     * ({@code !Ref RealtimeApi}, or a {@code !Sub} text with {@code ${RealtimeApi}} in it, typically
     * {@code https://${RealtimeApi}.execute-api.${AWS::Region}.amazonaws.com/prod}): this gateway's
     * {@code http://127.0.0.1:<port>} (ws:// for a wss:// URL), with the URL's literal path kept.
     */
    public Map<String, String> environment(List<SamTemplate.Function> functions) {
        Map<String, String> out = new LinkedHashMap<>();
        String id = api.logicalId();
        for (SamTemplate.Function f : functions) {
            f.environment().forEach((name, value) -> {
                String v = value.trim();
                if (v.equals(id) || v.contains("${" + id + "}") || v.contains("${" + id + ".")) {
                    out.putIfAbsent(name, local(v));
                }
            });
        }
        return out;
    }

    private String local(String value) {
        String scheme = value.startsWith("wss://") || value.startsWith("ws://") ? "ws" : "http";
        int hostStart = value.indexOf("://");
        int pathStart = hostStart < 0 ? -1 : value.indexOf('/', hostStart + 3);
        String path = pathStart < 0 ? "" : value.substring(pathStart);
        return scheme + "://" + HOST + ":" + port() + (path.contains("${") ? "" : path);
    }

    /**
     * Closes every connection (1001 "Going away", each $disconnect runs), then stops serving; the
     * function containers stay open (the runtime closes them).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        connections.all().forEach(c -> c.close(Connections.GOING_AWAY, Connections.GOING_AWAY_REASON));
        long deadline = System.currentTimeMillis() + 2_000;
        while (connections.size() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the WebSocket server: {}", e.toString());
        }
        timers.shutdownNow();
        invocationPool.shutdown();
        try {
            if (!invocationPool.awaitTermination(5, TimeUnit.SECONDS)) {
                invocationPool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
