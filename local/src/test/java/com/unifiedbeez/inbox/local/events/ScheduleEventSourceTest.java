package com.unifiedbeez.inbox.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.unifiedbeez.inbox.local.gateway.LambdaFunction;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.local.testing.TickHandler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class ScheduleEventSourceTest {
    @Test
    void rateExpressions() {
        assertThat(ScheduleEventSource.parseRate("rate(1 minute)")).hasValue(Duration.ofMinutes(1));
        assertThat(ScheduleEventSource.parseRate("rate(5 minutes)")).hasValue(Duration.ofMinutes(5));
        assertThat(ScheduleEventSource.parseRate(" rate( 2 hours ) ")).hasValue(Duration.ofHours(2));
        assertThat(ScheduleEventSource.parseRate("rate(1 hour)")).hasValue(Duration.ofHours(1));
        assertThat(ScheduleEventSource.parseRate("rate(1 day)")).hasValue(Duration.ofDays(1));
        assertThat(ScheduleEventSource.parseRate("rate(0 minutes)")).isEmpty();
        assertThat(ScheduleEventSource.parseRate("rate(1 second)")).isEmpty();
        assertThat(ScheduleEventSource.parseRate("cron(0 3 * * ? *)")).isEmpty();
        assertThat(ScheduleEventSource.parseRate(null)).isEmpty();
    }

    @Test
    void firesOnItsPeriodWithAScheduledEvent() throws Exception {
        var schedule = new SamTemplate.ScheduleEvent("TickFunction", "Fast", "rate(1 minute)", true);
        var function = new LambdaFunction("TickFunction", TickHandler.class.getName() + "::handleRequest", 512, 60,
                getClass().getClassLoader());
        // the period of the rule is the test's: 100 ms
        ScheduleEventSource source = new ScheduleEventSource(schedule, function, Duration.ofMillis(100), "eu-west-2",
                "000000000000");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        int before = TickHandler.EVENTS.size();
        try {
            source.start(executor);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (TickHandler.EVENTS.size() < before + 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            source.close();
            executor.shutdownNow();
        }
        assertThat(TickHandler.EVENTS.size()).isGreaterThanOrEqualTo(before + 3);
        ScheduledEvent event = TickHandler.EVENTS.get(TickHandler.EVENTS.size() - 1);
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getRegion()).isEqualTo("eu-west-2");
        assertThat(event.getAccount()).isEqualTo("000000000000");
        assertThat(event.getResources()).containsExactly("arn:aws:events:eu-west-2:000000000000:rule/TickFunction-Fast");
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getId()).isNotBlank();
        assertThat(source.fire()).asString().startsWith("tick ");
    }
}
