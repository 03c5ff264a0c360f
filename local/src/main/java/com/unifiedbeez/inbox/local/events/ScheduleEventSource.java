package com.unifiedbeez.inbox.local.events;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.unifiedbeez.inbox.local.gateway.LambdaFunction;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code Schedule} event: the function is invoked with a {@link ScheduledEvent} every period of
 * its {@code rate(...)} expression, the first time one period after start (EventBridge fires a new
 * rule within its first period too). A run that overruns delays the next rather than overlapping it.
 * {@code cron(...)} expressions are not run locally (logged at start).
 */
public final class ScheduleEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("events.schedule");
    private static final Pattern RATE = Pattern.compile(
            "rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)", Pattern.CASE_INSENSITIVE);

    private final SamTemplate.ScheduleEvent schedule;
    private final LambdaFunction function;
    private final Duration period;
    private final String region;
    private final String account;
    private ScheduledFuture<?> future;

    public ScheduleEventSource(SamTemplate.ScheduleEvent schedule, LambdaFunction function, Duration period,
                               String region, String account) {
        this.schedule = schedule;
        this.function = function;
        this.period = period;
        this.region = region;
        this.account = account;
    }

    /** The period of {@code rate(N minute|minutes|hour|hours|day|days)}; empty for anything else (cron). */
    public static Optional<Duration> parseRate(String expression) {
        Matcher m = RATE.matcher(expression == null ? "" : expression.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (n <= 0) {
            return Optional.empty();
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        return Optional.of(unit.startsWith("minute") ? Duration.ofMinutes(n)
                : unit.startsWith("hour") ? Duration.ofHours(n) : Duration.ofDays(n));
    }

    public SamTemplate.ScheduleEvent schedule() {
        return schedule;
    }

    public Duration period() {
        return period;
    }

    /** The rule's ARN as EventBridge would name it here. */
    public String ruleArn() {
        return "arn:aws:events:" + region + ":" + account + ":rule/" + schedule.functionName() + "-"
                + schedule.eventName();
    }

    public synchronized void start(ScheduledExecutorService executor) {
        if (future == null) {
            future = executor.scheduleAtFixedRate(this::fireQuietly, period.toMillis(), period.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Invokes the function once now, as the rule would; returns what it returned. */
    public Object fire() throws LambdaFunction.FunctionError {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(account);
        event.setRegion(region);
        event.setTime(DateTime.now(DateTimeZone.UTC).withMillisOfSecond(0));
        event.setResources(List.of(ruleArn()));
        event.setDetail(Map.of());
        long start = System.nanoTime();
        Object result = function.invoke(event, UUID.randomUUID().toString());
        LOG.info("{} <- {} ({}): {} ms", schedule.functionName(), schedule.eventName(), schedule.expression(),
                (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    private void fireQuietly() {
        try {
            fire();
        } catch (LambdaFunction.FunctionError e) {
            LOG.error("{} <- {}: {}", schedule.functionName(), schedule.eventName(), e.getMessage(),
                    e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            LOG.error("{} <- {}: {}", schedule.functionName(), schedule.eventName(), e.toString(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (future != null) {
            future.cancel(false);
        }
    }
}
