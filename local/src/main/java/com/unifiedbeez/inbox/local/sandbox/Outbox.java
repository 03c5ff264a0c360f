package com.unifiedbeez.inbox.local.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox saw, per channel, newest first: the API calls we made (what we sent) and the
 * webhooks it fired at us. Bounded, in memory; secrets are redacted before an entry is recorded.
 */
final class Outbox {
    private static final int KEEP = 200;

    /** One API call: method, path (token redacted), the request as parsed, and the sandbox's answer. */
    record Call(Instant at, String method, String path, Object request, int status, Object response) {
    }

    /** One webhook fired at our endpoint: what it was for, where it went, and what our endpoint answered. */
    record Webhook(Instant at, String kind, String url, Object payload, int status) {
    }

    private final Map<String, Deque<Call>> calls = new HashMap<>();
    private final Map<String, Deque<Webhook>> webhooks = new HashMap<>();

    synchronized void call(String channel, Call call) {
        push(calls.computeIfAbsent(channel, c -> new ArrayDeque<>()), call);
    }

    synchronized void webhook(String channel, Webhook webhook) {
        push(webhooks.computeIfAbsent(channel, c -> new ArrayDeque<>()), webhook);
    }

    synchronized List<Call> calls(String channel) {
        return List.copyOf(calls.getOrDefault(channel, new ArrayDeque<>()));
    }

    synchronized List<Webhook> webhooks(String channel) {
        return List.copyOf(webhooks.getOrDefault(channel, new ArrayDeque<>()));
    }

    private static <T> void push(Deque<T> entries, T entry) {
        entries.addFirst(entry);
        while (entries.size() > KEEP) {
            entries.removeLast();
        }
    }
}
