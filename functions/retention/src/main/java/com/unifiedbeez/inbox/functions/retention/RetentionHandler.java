package com.unifiedbeez.inbox.functions.retention;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.retention.RetentionReport;
import com.unifiedbeez.inbox.retention.RetentionRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hour (EventBridge schedule): each organization's {@code retentionPolicy} acting
 * ({@link com.unifiedbeez.inbox.retention.RetentionSweeper}). Logs one JSON line per organization
 * that lost anything (or failed) and returns the whole run.
 */
public final class RetentionHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionHandler.class);
    /** Kept back from the function's timeout: the batch under way at the deadline ends, the report is logged. */
    static final Duration MARGIN = Duration.ofSeconds(30);
    /** Without a Lambda context (a direct call): the template's timeout. */
    static final Duration WITHOUT_CONTEXT = Duration.ofMinutes(10);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final RetentionComponent services;
    final Priming priming; // held so the CRaC context keeps it

    public RetentionHandler() {
        this(DaggerRetentionComponent.factory().create(Config.fromEnvironment()));
    }

    public RetentionHandler(RetentionComponent services) {
        this.services = services;
        // Not a run, which would delete what is expired at snapshot time: its reads with room for no
        // row, and the report's JSON; nothing is deleted or marked, in the database or the bucket.
        this.priming = Priming.register(() -> {
            services.sweeper().warmUp();
            Json.write(RetentionRun.of(Instant.now(), List.of()));
        }, services.dataSource());
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Duration left = context == null ? WITHOUT_CONTEXT : Duration.ofMillis(context.getRemainingTimeInMillis());
        RetentionRun run = services.sweeper().run(Instant.now().plus(left).minus(MARGIN));
        for (RetentionReport report : run.organizations()) {
            if (report.error() != null) {
                LOG.error("{}", Json.write(report));
            } else if (report.deletedAnything()) {
                LOG.info("{}", Json.write(report));
            }
        }
        LOG.info("retention: {} organizations, {} messages, {} attachments, {} objects deleted, {} failed{}",
                run.organizations().size(), run.messagesDeleted(), run.attachmentsDeleted(), run.objectsDeleted(),
                run.failed(), run.finished() ? "" : "; not finished, the next run goes on");
        return Json.mapper().convertValue(run, MAP);
    }
}
