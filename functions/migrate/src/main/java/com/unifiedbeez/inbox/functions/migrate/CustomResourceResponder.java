package com.unifiedbeez.inbox.functions.migrate;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider side of the CloudFormation custom-resource protocol: builds the response document
 * (Status, Reason, PhysicalResourceId, StackId, RequestId, LogicalResourceId, Data) and PUTs it to
 * the request's presigned S3 {@code ResponseURL}. Until that PUT lands, CloudFormation waits (up to
 * the resource's ServiceTimeout), so this class retries transient failures and reports the rest.
 */
public final class CustomResourceResponder {
    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";

    /** CloudFormation rejects a response body over 4096 bytes; the reason is the only unbounded part. */
    static final int MAX_REASON_CHARS = 1024;
    private static final int ATTEMPTS = 3;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(CustomResourceResponder.class);

    private final HttpClient http;

    @Inject
    public CustomResourceResponder(HttpClient http) {
        this.http = http;
    }

    /** A SUCCESS response; {@code data} (may be null) is what {@code Fn::GetAtt} can read. */
    public static Map<String, Object> success(CloudFormationCustomResourceEvent event, String physicalResourceId,
                                              String reason, Map<String, Object> data) {
        return body(event, SUCCESS, physicalResourceId, reason, data);
    }

    /** A FAILED response; CloudFormation requires the reason and shows it in the stack events. */
    public static Map<String, Object> failed(CloudFormationCustomResourceEvent event, String physicalResourceId,
                                             String reason) {
        return body(event, FAILED, physicalResourceId, reason, null);
    }

    private static Map<String, Object> body(CloudFormationCustomResourceEvent event, String status,
                                            String physicalResourceId, String reason, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", status);
        body.put("Reason", truncate(reason == null || reason.isBlank() ? status : reason));
        body.put("PhysicalResourceId", physicalResourceId);
        // These three are copied verbatim from the request, as the protocol requires.
        body.put("StackId", event.getStackId());
        body.put("RequestId", event.getRequestId());
        body.put("LogicalResourceId", event.getLogicalResourceId());
        if (data != null) {
            body.put("Data", data);
        }
        return body;
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS - 1) + "…";
    }

    /**
     * PUTs the response to the presigned URL. The URL is signed without a Content-Type, so none is
     * sent. Connection failures and 5xx are retried; a final failure throws, so the Lambda service
     * retries the (asynchronous) invocation rather than leave the stack waiting silently.
     */
    public void send(String responseUrl, Map<String, Object> body) {
        if (responseUrl == null || responseUrl.isBlank()) {
            LOG.warn("event has no ResponseURL (not sent by CloudFormation?); response not posted: {}", body);
            return;
        }
        String json = Json.write(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(responseUrl))
                .timeout(REQUEST_TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int code = response.statusCode();
                if (code >= 200 && code < 300) {
                    LOG.info("custom resource response {} posted (HTTP {})", body.get("Status"), code);
                    return;
                }
                last = new IllegalStateException("posting the custom resource response failed: HTTP " + code
                        + " " + abbreviate(response.body()));
                if (code < 500) {
                    break; // expired or mis-signed URL: retrying will not help
                }
            } catch (IOException e) {
                last = new IllegalStateException("posting the custom resource response failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while posting the custom resource response", e);
            }
            LOG.warn("attempt {}/{}: {}", attempt, ATTEMPTS, last.getMessage());
            if (attempt < ATTEMPTS) {
                pause(attempt);
            }
        }
        throw last;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(500L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
