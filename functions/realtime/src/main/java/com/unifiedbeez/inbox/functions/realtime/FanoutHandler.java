package com.unifiedbeez.inbox.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.platform.lambda.FifoBatch;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of the realtime FIFO queue (one group per organization): each record is a nudge
 * {@code {"organizationId"}}; one fan-out pass per organization of the batch pushes everything it
 * has numbered, whatever the number of nudges. A nudge that is not one is dropped (it carries no
 * event: the log does). A pass that fails goes back to the queue, and the sweeper covers it too.
 */
public final class FanoutHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(FanoutHandler.class);
    private final RealtimeComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public FanoutHandler() {
        this(RealtimeFunction.fromEnvironment());
    }

    public FanoutHandler(RealtimeComponent services) {
        this.services = services;
        this.priming = RealtimeFunction.prime(services);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Set<UUID> pushed = new HashSet<>();
        return FifoBatch.response(event.getRecords(), record -> {
            Optional<UUID> organization = organization(record.getBody());
            if (organization.isEmpty()) {
                LOG.warn("realtime nudge {} names no organization; dropped: {}", record.getMessageId(), record.getBody());
                return true;
            }
            if (pushed.add(organization.get())) {
                services.fanout().deliver(organization.get());
            }
            return true;
        });
    }

    static Optional<UUID> organization(String body) {
        try {
            JsonNode node = body == null ? null : Json.mapper().readTree(body);
            return node == null ? Optional.empty() : Ids.parse(node.path("organizationId").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
