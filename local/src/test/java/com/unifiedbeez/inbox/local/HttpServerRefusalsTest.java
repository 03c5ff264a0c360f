package com.unifiedbeez.inbox.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.local.gateway.Gateway;
import com.unifiedbeez.inbox.local.gateway.JettyGatewayHandler;
import com.unifiedbeez.inbox.local.gateway.JwtAuthorizer;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local runtime's HTTP server as a client meets it: what Jetty itself refuses before the gateway
 * sees a request (a request line or headers over its limits, a URI it cannot parse) and what the
 * gateway refuses (a URL over 8 KB, a bad path) are all RFC 9457 problem+json, never an HTML page.
 */
class HttpServerRefusalsTest {
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Gateway gateway = new Gateway(SamTemplate.load(TestTemplates.fixture()).httpRoutes(), new JwtAuthorizer("s"),
                "localhost");
        server = LocalInbox.httpServer(0);
        server.setHandler(new JettyGatewayHandler(gateway));
        server.start();
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    /** A raw HTTP/1.1 exchange: what a careless or hostile client can send that java.net.http would not. */
    private String exchange(String requestLine, String extraHeader) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\n" + extraHeader + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "URL over 8 KB answered by the gateway, 9000, 0, 414",
            "request line over the server's limit, 70000, 0, 414",
            "headers over the server's limit, 10, 70000, 431"})
    void oversizedRequestsAreProblemJson(String name, int queryLength, int headerLength, int status) throws Exception {
        String answer = exchange("GET /api/echo/items?q=" + "a".repeat(queryLength) + " HTTP/1.1",
                headerLength == 0 ? "" : "X-Big: " + "b".repeat(headerLength) + "\r\n");
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(answer).contains("\"status\":" + status).doesNotContain("<html");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bad percent-encoding, /api/echo/items/%zz",
            "NUL in the path, /api/echo/items/a%00b",
            "invalid UTF-8, /api/echo/items/%C3%28"})
    void aBadPathIs400ProblemJson(String name, String path) throws Exception {
        String answer = exchange("GET " + path + " HTTP/1.1", "");
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(answer).contains("\"status\":400").doesNotContain("<html");
    }
}
