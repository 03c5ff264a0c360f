package com.unifiedbeez.inbox.local.events;

import com.unifiedbeez.inbox.local.aws.LocalResources;
import com.unifiedbeez.inbox.local.gateway.LambdaFunction;
import com.unifiedbeez.inbox.local.gateway.LambdaFunctions;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.testkit.EmbeddedAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The template's non-HTTP event sources, running: SQS event source mappings and schedules. */
public final class EventSources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSources.class);
    /** How long one SQS poll waits for messages: also the longest a stop waits for a poller. */
    public static final Duration POLL_WAIT = Duration.ofSeconds(1);

    private final List<SqsEventSource> sqs;
    private final List<ScheduleEventSource> schedules;
    private final List<String> skipped;
    private final ScheduledExecutorService scheduler;

    private EventSources(List<SqsEventSource> sqs, List<ScheduleEventSource> schedules, List<String> skipped,
                         ScheduledExecutorService scheduler) {
        this.sqs = sqs;
        this.schedules = schedules;
        this.skipped = skipped;
        this.scheduler = scheduler;
    }

    /** Starts a poller per enabled SQS event and a timer per enabled rate schedule. */
    public static EventSources start(SamTemplate template, LocalResources resources, LambdaFunctions functions,
                                     SqsClient sqsClient, String region) {
        List<SqsEventSource> sqs = new ArrayList<>();
        List<ScheduleEventSource> schedules = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (SamTemplate.SqsEvent e : template.sqsEvents()) {
            String what = e.functionName() + "." + e.eventName() + " (SQS " + e.queue() + ")";
            if (!e.enabled()) {
                skipped.add(what + ": Enabled false");
                continue;
            }
            Optional<LocalResources.LocalQueue> queue = resources.queue(e.queue());
            if (queue.isEmpty()) {
                skipped.add(what + ": not a queue of the template");
                continue;
            }
            LambdaFunction function = functions.get(template.function(e.functionName()).orElseThrow());
            sqs.add(new SqsEventSource(e, queue.get(), function, sqsClient, region, POLL_WAIT));
        }
        for (SamTemplate.ScheduleEvent e : template.scheduleEvents()) {
            String what = e.functionName() + "." + e.eventName() + " (" + e.expression() + ")";
            if (!e.enabled()) {
                skipped.add(what + ": disabled");
                continue;
            }
            Optional<Duration> period = ScheduleEventSource.parseRate(e.expression());
            if (period.isEmpty()) {
                skipped.add(what + ": only rate(...) schedules run locally");
                continue;
            }
            LambdaFunction function = functions.get(template.function(e.functionName()).orElseThrow());
            schedules.add(new ScheduleEventSource(e, function, period.get(), region, EmbeddedAws.ACCOUNT_ID));
        }
        skipped.forEach(s -> LOG.warn("event source not run locally: {}", s));
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "schedule-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        EventSources sources = new EventSources(List.copyOf(sqs), List.copyOf(schedules), List.copyOf(skipped),
                scheduler);
        sqs.forEach(SqsEventSource::start);
        schedules.forEach(s -> s.start(scheduler));
        return sources;
    }

    public List<SqsEventSource> sqs() {
        return sqs;
    }

    public List<ScheduleEventSource> schedules() {
        return schedules;
    }

    /** Event sources of the template that do not run here, and why. */
    public List<String> skipped() {
        return skipped;
    }

    /** Fires a schedule now (as its rule would), e.g. from a test; returns what the function returned. */
    public Object fire(String functionName, String eventName) throws LambdaFunction.FunctionError {
        ScheduleEventSource source = schedules.stream()
                .filter(s -> s.schedule().functionName().equals(functionName)
                        && s.schedule().eventName().equals(eventName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running schedule " + functionName + "." + eventName));
        return source.fire();
    }

    @Override
    public void close() {
        sqs.forEach(SqsEventSource::stop); // all at once, then wait for each
        schedules.forEach(ScheduleEventSource::close);
        scheduler.shutdownNow();
        sqs.forEach(SqsEventSource::close);
    }
}
