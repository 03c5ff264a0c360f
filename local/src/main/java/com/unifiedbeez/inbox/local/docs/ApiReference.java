package com.unifiedbeez.inbox.local.docs;

import com.unifiedbeez.inbox.local.gateway.GatewayRequest;
import com.unifiedbeez.inbox.local.gateway.GatewayResponse;
import com.unifiedbeez.inbox.platform.errors.Problem;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The local runtime's API reference, no token needed: the contract at {@value #DOCUMENT_PATH} (the
 * repository's openapi/openapi.yaml, packed as a resource) and Swagger UI at {@value #DOCS_PATH}, its
 * files served from the swagger-ui webjar on the classpath, so nothing is fetched from elsewhere.
 */
public final class ApiReference {
    public static final String DOCUMENT_PATH = "/openapi.yaml";
    public static final String DOCS_PATH = "/docs";
    static final String DOCUMENT_RESOURCE = "openapi/openapi.yaml";
    /** The realtime contract beside it: the HTTP document refers to its schemas, and the other way round. */
    public static final String REALTIME_PATH = "/asyncapi.yaml";
    static final String REALTIME_RESOURCE = "openapi/asyncapi.yaml";
    /** The settings schema the settings routes refer to. */
    public static final String SETTINGS_SCHEMA_PATH = "/settings-v1.schema.json";
    static final String SETTINGS_SCHEMA_RESOURCE = "openapi/settings-v1.schema.json";
    private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String WEBJAR_FILES = "META-INF/resources/webjars/swagger-ui/";
    /** One file name: no separators, no way up. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** The webjar's own page and initializer point at the public Petstore document; ours replace them. */
    private static final Map<String, String> OURS = Map.of("", "docs/index.html", "index.html", "docs/index.html",
            "init.js", "docs/init.js");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8", "png", "image/png",
            "map", "application/json", "yaml", "application/yaml; charset=utf-8",
            "json", "application/schema+json", "txt", "text/plain; charset=utf-8");

    private final ClassLoader loader;
    private final String webjar;

    public ApiReference() {
        this(ApiReference.class.getClassLoader());
    }

    ApiReference(ClassLoader loader) {
        this.loader = loader;
        this.webjar = webjarFolder(loader).orElse(null);
    }

    /** Whether a request path is one of ours (and not a route of the template). */
    public static boolean owns(String rawPath) {
        return rawPath.equals(DOCUMENT_PATH) || rawPath.equals(REALTIME_PATH) || rawPath.equals(SETTINGS_SCHEMA_PATH)
                || rawPath.equals(DOCS_PATH)
                || rawPath.startsWith(DOCS_PATH + "/");
    }

    public GatewayResponse handle(GatewayRequest request) {
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            return problem(405, "method-not-allowed", "Method not allowed",
                    request.rawPath() + " answers GET and HEAD only", request.rawPath(),
                    List.of(Map.entry("allow", "GET, HEAD")));
        }
        String resource = resource(request.rawPath());
        if (resource == null) {
            return problem(404, "route-not-found", "Not found", "no file " + request.rawPath(), request.rawPath(),
                    List.of());
        }
        byte[] body = read(resource);
        if (body == null) {
            return problem(404, "route-not-found", "Not found", "no file " + request.rawPath(), request.rawPath(),
                    List.of());
        }
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("content-type", TYPES.getOrDefault(extension, "application/octet-stream")));
        headers.add(Map.entry("cache-control", "no-cache"));
        headers.add(Map.entry("x-content-type-options", "nosniff"));
        return new GatewayResponse(200, headers, head ? new byte[0] : body);
    }

    /** The classpath resource a path names, or null. */
    private String resource(String rawPath) {
        if (rawPath.equals(DOCUMENT_PATH)) {
            return DOCUMENT_RESOURCE;
        }
        if (rawPath.equals(REALTIME_PATH)) {
            return REALTIME_RESOURCE;
        }
        if (rawPath.equals(SETTINGS_SCHEMA_PATH)) {
            return SETTINGS_SCHEMA_RESOURCE;
        }
        String file = rawPath.equals(DOCS_PATH) ? "" : rawPath.substring(DOCS_PATH.length() + 1);
        if (OURS.containsKey(file)) {
            return OURS.get(file);
        }
        if (!FILE.matcher(file).matches() || file.equals("swagger-initializer.js") || webjar == null) {
            return null;
        }
        return webjar + file;
    }

    private byte[] read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's versioned folder, from the version its Maven metadata names. */
    private static Optional<String> webjarFolder(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(WEBJAR_VERSION)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version")).map(v -> WEBJAR_FILES + v + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GatewayResponse problem(int status, String slug, String title, String detail, String instance,
                                           List<Map.Entry<String, String>> extraHeaders) {
        Problem problem = new Problem("https://docs.unifiedbeez.com/problems/" + slug, title, status, detail, instance,
                List.of());
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("content-type", Problem.CONTENT_TYPE));
        headers.addAll(extraHeaders);
        return new GatewayResponse(status, headers, Json.write(problem).getBytes(StandardCharsets.UTF_8));
    }
}
