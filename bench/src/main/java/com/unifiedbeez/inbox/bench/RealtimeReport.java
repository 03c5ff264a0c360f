package com.unifiedbeez.inbox.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part G's section of results.md and its results.json key ({@code realtime}): G1 and G2 (through the
 * local runtime), G3 (the writers, realtime on and off) and G4 (replay), each with its floor.
 */
final class RealtimeReport {
    private RealtimeEndToEnd.Result endToEnd;
    private String endToEndError;
    private RealtimeWriters.Result writers;
    private String writersError;
    private ReplayBench.Result replay;
    private String replayError;

    void endToEnd(RealtimeEndToEnd.Result r) {
        endToEnd = r;
    }

    void endToEndFailed(String reason) {
        endToEndError = reason;
    }

    void writers(RealtimeWriters.Result r) {
        writers = r;
    }

    void writersFailed(String reason) {
        writersError = reason;
    }

    void replay(ReplayBench.Result r) {
        replay = r;
    }

    void replayFailed(String reason) {
        replayError = reason;
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (endToEnd != null) {
            m.put("localRuntime", endToEnd.startup());
            m.put("facts", endToEnd.facts());
            m.put("pushLatency", endToEnd.push() != null ? endToEnd.push().toMap() : Map.of("error", endToEnd.pushError()));
            m.put("fanoutWidth", endToEnd.width() != null ? endToEnd.width().toMap()
                    : Map.of("error", endToEnd.widthError()));
        } else {
            m.put("pushLatency", Map.of("error", String.valueOf(endToEndError)));
            m.put("fanoutWidth", Map.of("error", String.valueOf(endToEndError)));
        }
        if (writers != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("facts", writers.facts());
            w.put("nudgeAlone", writers.nudge() == null ? null : writers.nudge().toMap());
            w.put("nudgeAloneOtherProcessesCpuPercent", Stats.round(writers.nudgeOthersCpuPercent()));
            w.put("sends", writers.sendsError() != null ? Map.of("error", writers.sendsError())
                    : writers.sends().stream().map(RealtimeWriters.Pair::toMap).toList());
            w.put("normalize", writers.normalizeError() != null ? Map.of("error", writers.normalizeError())
                    : writers.normalize().stream().map(RealtimeWriters.Pair::toMap).toList());
            m.put("writers", w);
        } else {
            m.put("writers", Map.of("error", String.valueOf(writersError)));
        }
        m.put("replay", replay != null ? replay.toMap() : Map.of("error", String.valueOf(replayError)));
        return m;
    }

    String markdown() {
        StringBuilder s = new StringBuilder("## G. Realtime: push latency, fan-out width, the writers' cost, replay\n\n");
        s.append("Every committed event of an organization gets `seq` 1, 2, 3, ... and is pushed to the organization's"
                + " WebSocket connections as `{\"event\",\"seq\",\"epoch\",\"occurredAt\",\"data\"}`: the writer's"
                + " commit nudges the realtime FIFO queue (`INBOX_REALTIME_QUEUE_URL`; without it events wait for the"
                + " minute sweep), the fan-out function (`FanoutHandler`) numbers the events, reads the connections in"
                + " DynamoDB and posts each frame through `@connections` (`ConnectionPusher`, "
                + RealtimeEndToEnd.FLOOR_CONCURRENCY + " posts at a time). G1 and G2 run through the local runtime, G3 and"
                + " G4 in-process on the part A database.\n\n");
        pushSection(s);
        widthSection(s);
        writersSection(s);
        replaySection(s);
        return s.toString();
    }

    private void pushSection(StringBuilder s) {
        s.append("### G1. Push latency: a customer's message on the agents' screens\n\n");
        RealtimeEndToEnd.Push p = endToEnd == null ? null : endToEnd.push();
        if (p == null) {
            s.append("Not measured: ").append(endToEnd == null ? endToEndError : endToEnd.pushError()).append("\n\n");
            return;
        }
        s.append(String.format(Locale.ROOT, "`LocalInbox` on a fresh data folder of its own with the demo seed, in the"
                        + " bench JVM (%s), with its WebSocket API (`%s`), dynalite and ElasticMQ; the fan-out runs from the"
                        + " local SQS event source of `%s`. Two agents of the demo organization (%s, %s) are connected with"
                        + " `java.net.http.WebSocket` and a dev token each. A customer's WhatsApp message goes through the"
                        + " channel sandbox as in F3 (`POST /local/sandbox/whatsapp/inbound`: the webhook function, the"
                        + " inbound FIFO queue, the normalizer, whose commit nudges the realtime queue); the clock stops when"
                        + " `message:received` for that message (matched by its text) has arrived at the clients. %d"
                        + " customers take turns, each with a conversation opened beforehand; %d messages of warm-up. The"
                        + " measured messages alternate: a push, then a floor. *Floor* = the same POST until the message's"
                        + " row is in PostgreSQL (a query on the message's conversation and text every %d ms on a connection"
                        + " of the bench): the same path without the nudge, the fan-out and the push. The floor's message is"
                        + " pushed too, and awaited, so no push overlaps the next message.%n%n",
                endToEnd.startup(), endToEnd.facts().get("webSocket"), endToEnd.facts().get("fanoutSource"),
                com.unifiedbeez.inbox.local.seed.DemoSeed.SAM.name(), com.unifiedbeez.inbox.local.seed.DemoSeed.PRIYA.name(), p.customers(), p.warmup(), RealtimeEndToEnd.POLL_PAUSE_MS));
        s.append("| from the sandbox POST to | p50 ms | p90 ms | p99 ms | max ms | n |\n|---|---:|---:|---:|---:|---:|\n");
        row(s, "the first client had `message:received`", p.first());
        row(s, "**both clients had it**", p.all());
        row(s, "floor: the row was in PostgreSQL", p.stored());
        Floor f = p.floor();
        s.append(String.format(Locale.ROOT, "%nBoth clients, p99 against the floor's p99: %s (no target on the ratio:"
                        + " the push adds the nudge, a receive off the queue, the fan-out's transactions and DynamoDB"
                        + " query, and the posts). Errors: %d%s. Others' CPU: %s. Target p99 < %.0f ms: %s.%n%n",
                f == null ? "n/a" : f.ratioCell(), p.errors(), p.firstError() == null ? "" : " (first: " + p.firstError() + ")",
                CpuMeter.percent(p.othersCpuPercent()), RealtimeEndToEnd.PUSH_TARGET_MS,
                verdict(p.met(), p.all() == null ? "not measured" : "p99 " + Stats.fmt(p.all().p99()) + " ms")));
    }

    private void widthSection(StringBuilder s) {
        s.append(String.format(Locale.ROOT, "### G2. Fan-out width: one event to %,d connections%n%n", RealtimeEndToEnd.WIDTH));
        RealtimeEndToEnd.Width w = endToEnd == null ? null : endToEnd.width();
        if (w == null) {
            s.append("Not measured: ").append(endToEnd == null ? endToEndError : endToEnd.widthError()).append("\n\n");
            return;
        }
        s.append(String.format(Locale.ROOT, "The same runtime: %,d WebSocket connections of the demo organization, %d"
                        + " users with %,d each (the admin and the three agents), all on one `HttpClient` (opened in %.1f s,"
                        + " one handshake at a time per user, the users side by side: concurrent connects of one user race"
                        + " on its presence item; one connection per user pings every 20 s, as the web client does, so no"
                        + " presence lapses). The event: the admin moves a conversation between `active` and `resolved`"
                        + " (`PATCH /api/inbox/conversations/{id}/status` over HTTP: one `conversation:status`, %d bytes"
                        + " as pushed); the clock runs from the PATCH being sent until the last connection has the frame."
                        + " %d repetitions of warm-up, then each repetition is followed by its floor. *Floor* = the same"
                        + " frame posted by the bench to the same %,d connections (their ids read from the realtime table)"
                        + " through `@connections` (`%s`) with an `ApiGatewayManagementApiClient` built like the"
                        + " function's, %d posts at a time: the push without the nudge, the queue, the numbering and the"
                        + " DynamoDB query. The fan-out's concurrency here: %s.%n%n",
                w.connections(), w.users(), w.connections() / w.users(), w.connectSeconds(), w.frameBytes(),
                w.warmup(), w.connections(), endToEnd.facts().get("managementEndpoint"),
                RealtimeEndToEnd.FLOOR_CONCURRENCY, endToEnd.facts().get("fanoutConcurrency")));
        s.append("| per repetition, from the start to | p50 ms | p90 ms | p99 ms | max ms | n |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        row(s, "the PATCH's answer (the change committed, the nudge sent)", w.answered());
        row(s, "the median connection had the frame", w.median());
        row(s, "**the last connection had it**", w.last());
        row(s, "floor: the median connection had the frame", w.floorMedian());
        row(s, "floor: the last connection had it", w.floorLast());
        row(s, "floor: every post answered", w.floorPosted());
        Floor f = w.floor();
        s.append(String.format(Locale.ROOT, "%nTo the last connection, p50 against the floor's p50: %s (target %s: %s)."
                        + " Frames received by all clients over the part: %,d. Errors: %d%s. Others' CPU: %s. Target: the"
                        + " last connection within %.0f ms in every repetition and %s: %s.%n%n",
                f == null ? "n/a" : f.ratioCell(), RealtimeEndToEnd.WIDTH_FLOOR, f == null ? "n/a" : f.verdictCell(),
                w.framesReceived(), w.errors(), w.firstError() == null ? "" : " (first: " + w.firstError() + ")",
                CpuMeter.percent(w.othersCpuPercent()), RealtimeEndToEnd.WIDTH_TARGET_MS, RealtimeEndToEnd.WIDTH_FLOOR,
                verdict(w.met(), w.last() == null ? "not measured" : "max " + Stats.fmt(w.last().max()) + " ms, "
                        + (f == null ? "no floor" : f.ratioCell() + " floor"))));
    }

    private void writersSection(StringBuilder s) {
        s.append("### G3. The writers with realtime on and off\n\n");
        if (writers == null) {
            s.append("Not measured: ").append(writersError).append("\n\n");
            return;
        }
        s.append("Part E1's sends (`MessagesHandler`, `POST /api/inbox/messages/send`, the same `Senders` on the big"
                + " organization's open conversations) and part F2's normalization (`InboundNormalizerHandler` on records"
                + " the webhook function queued, organization `bench-f inbound` as in F) in-process, each configuration"
                + " measured with realtime **on** (`INBOX_REALTIME_QUEUE_URL` = the template's `RealtimeQueue`, FIFO, on"
                + " the bench's ElasticMQ: after each commit that wrote events, one `SendMessage`, group = organization)"
                + " and **off** (no such key: nothing is sent), one handler each, same threads, windows alternating off,"
                + " on, on, off after a warm-up of both. A send writes an event only when it changes its conversation's"
                + " status, so before each window the conversations sent to are set back to `new`: every measured send"
                + " then writes one `conversation:status` (the writer's worst case; in E1 only a send to a `new`"
                + " conversation writes one). Each normalized record writes `message:received` (and"
                + " `conversation:new` when it opens a conversation) in one transaction: one nudge per record. *on/off*"
                + " = the on windows' items / seconds over the off windows'; *events* and *nudges* per item are counted"
                + " over each window's call (its warm-up included) in `domain_events` and on the realtime queue.");
        if (writers.nudge() != null) {
            s.append(String.format(Locale.ROOT, " One nudge alone (`SqsRealtimeNudge.nudge`: one `SendMessage` through"
                            + " a client built like the functions', one thread, back to back, between the two writers): p50"
                            + " %s ms, p99 %s ms (others' CPU %s).", Stats.fmt(writers.nudge().p50()),
                    Stats.fmt(writers.nudge().p99()), CpuMeter.percent(writers.nudgeOthersCpuPercent())));
        }
        if (writers.facts().containsKey("normalizeCleanup")) {
            s.append(" Normalization cleanup: ").append(writers.facts().get("normalizeCleanup")).append('.');
        }
        s.append("\n\n| writer | configuration | off /s | on /s | on/off | target | | worst p99 ms off / on | events"
                + " per item off / on | nudges per item off / on | CPU ms per item off / on: calling threads | rest of"
                + " the JVM | errors |\n|---|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|\n");
        List<String> failed = new ArrayList<>();
        writerRows(s, "send acceptance (E1)", writers.sends(), writers.sendsError(), failed);
        writerRows(s, "normalization (F2)", writers.normalize(), writers.normalizeError(), failed);
        boolean all = failed.isEmpty() && writers.sendsError() == null && writers.normalizeError() == null;
        s.append(String.format(Locale.ROOT, "%nTarget on/off %s for every writer: %s.%n%n", RealtimeWriters.TARGET,
                verdict(all, all ? "every configuration" : "below or not measured: " + String.join(", ", failed))));
    }

    private static void writerRows(StringBuilder s, String writer, List<RealtimeWriters.Pair> pairs, String error,
                                   List<String> failed) {
        if (error != null) {
            s.append("| ").append(writer).append(" | not measured: ").append(error).append(" |").append(" |".repeat(11))
                    .append('\n');
            failed.add(writer);
            return;
        }
        for (RealtimeWriters.Pair p : pairs) {
            Floor f = p.floor();
            if (!f.met() || p.errors() > 0) {
                failed.add(writer + ", " + p.title() + " (" + f.ratioCell() + ")");
            }
            s.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | **%s** | %s | %s | %s / %s | %s / %s | %s / %s"
                            + " | %.2f / %.2f | %.2f / %.2f | %d |%n", writer, p.title(), f.floor(), f.measured(),
                    f.ratioCell(), f.targetCell(), p.errors() > 0 ? "**errors**" : f.verdictCell(), Stats.fmt(p.p99(false)),
                    Stats.fmt(p.p99(true)), perItem(p, false, true), perItem(p, true, true), perItem(p, false, false),
                    perItem(p, true, false), p.cpuPerItem(false, true), p.cpuPerItem(true, true),
                    p.cpuPerItem(false, false), p.cpuPerItem(true, false), p.errors()));
        }
    }

    /** Events (or nudges) per item, over the windows of one mode. */
    private static String perItem(RealtimeWriters.Pair p, boolean on, boolean events) {
        long items = p.windows().stream().filter(w -> w.on() == on).mapToLong(RealtimeWriters.Window::calls).sum();
        long count = p.windows().stream().filter(w -> w.on() == on)
                .mapToLong(w -> events ? w.events() : w.nudges()).sum();
        return items == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", count / (double) items);
    }

    private void replaySection(StringBuilder s) {
        s.append("### G4. Replay: `GET /api/inbox/events` after 1,000 missed events\n\n");
        if (replay == null) {
            s.append("Not measured: ").append(replayError).append("\n\n");
            return;
        }
        ReplayBench.Result r = replay;
        s.append(String.format(Locale.ROOT, "An organization of its own (`%s`) in the part A database with %,d events,"
                        + " each written through `DomainEvents` in a transaction of its own (70%% `message:received` with"
                        + " the message, the rest status, assignment and delivery changes; %,d bytes of payload in all;"
                        + " written and numbered in %.1f s). The real `RealtimeHandler` (its component,"
                        + " `DaggerRealtimeComponent`, HikariCP pool of 2) in-process, as the organization's admin: one"
                        + " sample is `since=0&limit=%d` then `since=<nextSince>&limit=%d`, both pages (every event, each"
                        + " page checked), one thread, back to back after %d samples of warm-up. Each call first numbers"
                        + " what has committed (`EventStream.sequence`: the stream's row locked, nothing to number), then"
                        + " reads its page and writes it as JSON. *Floor* = the statements that read the events, as the"
                        + " handler ran them (recorded from a handler of its own on a recording connection), replayed on"
                        + " a plain JDBC connection, results read to the end: `%s`.%n%n",
                ReplayBench.ORGANIZATION_NAME, r.events(), r.payloadBytes(), r.writeSeconds(), ReplayBench.PAGE,
                ReplayBench.PAGE, r.warmup(), String.join("`; `", r.statements())));
        s.append("| request | p50 ms | p90 ms | p99 ms | max ms | n | floor p50 ms | floor p99 ms | × floor (p99) | target p99"
                + " ms | |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        Stats h = r.handler();
        s.append(String.format(Locale.ROOT, "| both pages (%,d events) | %s | %s | %s | %s | %d | %s | %s | %s | < %.0f | %s"
                        + " |%n", r.events(), Stats.fmt(h.p50()), Stats.fmt(h.p90()), Stats.fmt(h.p99()),
                Stats.fmt(h.max()), h.count(), Stats.fmt(r.bare().p50()), Stats.fmt(r.bare().p99()),
                r.floor().ratioCell(), ReplayBench.TARGET_MS, r.met() ? "met" : "**missed**"));
        s.append(String.format(Locale.ROOT, "%nNo target on the ratio (the absolute target is the issue's). Others'"
                + " CPU: %s.%n%n", CpuMeter.percent(r.othersCpuPercent())));
    }

    private static void row(StringBuilder s, String label, Stats st) {
        if (st == null) {
            s.append("| ").append(label).append(" | n/a | n/a | n/a | n/a | 0 |\n");
            return;
        }
        s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", label, Stats.fmt(st.p50()),
                Stats.fmt(st.p90()), Stats.fmt(st.p99()), Stats.fmt(st.max()), st.count()));
    }

    private static String verdict(boolean met, String detail) {
        return (met ? "**met**" : "**missed**") + " (" + detail + ")";
    }
}
