package com.unifiedbeez.inbox.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test-only scheduled function: keeps the events it was given. */
public final class TickHandler implements RequestHandler<ScheduledEvent, String> {
    public static final List<ScheduledEvent> EVENTS = new CopyOnWriteArrayList<>();
    public static final List<String> ENVIRONMENT = new CopyOnWriteArrayList<>();

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        EVENTS.add(event);
        ENVIRONMENT.add(System.getProperty("INBOX_TEST_WORK_QUEUE_URL"));
        return "tick " + EVENTS.size();
    }
}
