package com.unifiedbeez.inbox.bench;

import com.unifiedbeez.inbox.away.AwayReplies;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.local.aws.LocalAwsServices;
import com.unifiedbeez.inbox.local.aws.LocalResources;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DataSources;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.settings.EffectiveSettings;
import com.unifiedbeez.inbox.settings.SettingKey;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import com.unifiedbeez.inbox.settings.SettingsStore;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Part H1: a user's effective settings, in-process. An organization of its own
 * ({@value #ORGANIZATION_NAME}) in the part A database, with a user in two teams and every level
 * holding values (the organization with a lock, both teams, the user): what the inbox reads for a
 * user, {@code SettingsResolver.forUser} in a read transaction on a HikariCP pool as the functions
 * have, resolved by the inheritance rule into values with their provenance.
 *
 * <p>The floor: the statements the resolver ran (recorded on a recording connection), replayed on
 * a plain JDBC connection, results read to the end. The organization is deleted afterwards.
 */
final class SettingsBench {
    static final double TARGET_MS = 5;
    static final String ORGANIZATION_NAME = "bench-h settings";
    static final UUID ORGANIZATION = UUID.fromString("0190bf00-0000-7000-8000-00000000b901");
    static final UUID USER = UUID.fromString("0190bf00-0000-7000-8000-00000000b902");
    static final UUID TEAM_1 = UUID.fromString("0190bf00-0000-7000-8000-00000000b903");
    static final UUID TEAM_2 = UUID.fromString("0190bf00-0000-7000-8000-00000000b904");

    record Result(Stats resolver, Stats bare, int warmup, List<String> statements, double othersCpuPercent,
                  RealtimeWriters.Pair away, String awayError, Map<String, String> awayFacts) {
        Floor floor() {
            return new Floor("p99 ms", resolver.p99(), bare.p99(), null);
        }

        boolean met() {
            return resolver.p99() < TARGET_MS;
        }

        Result withAway(RealtimeWriters.Pair pair, String error, Map<String, String> facts) {
            return new Result(resolver, bare, warmup, statements, othersCpuPercent, pair, error, facts);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("call", "SettingsResolver.forUser (a user in two teams, every level set, one key locked)");
            m.put("warmup", warmup);
            m.putAll(resolver.toMap());
            Map<String, Object> f = new LinkedHashMap<>(floor().toMap());
            f.put("floorStats", bare.toMap());
            f.put("statements", statements);
            m.put("floor", f);
            m.put("otherProcessesCpuPercent", Stats.round(othersCpuPercent));
            m.put("targetP99Ms", TARGET_MS);
            m.put("metTarget", met());
            Map<String, Object> h2 = new LinkedHashMap<>();
            if (away != null) {
                h2.putAll(away.toMap());
            } else {
                h2.put("error", awayError);
            }
            h2.put("facts", awayFacts);
            return Map.of("effectiveSettings", m, "awayCheckOnOff", h2);
        }

        String markdown() {
            StringBuilder s = new StringBuilder("## H. Settings\n\n### H1. A user's effective settings\n\n");
            s.append(String.format(Locale.ROOT, "An organization of its own (`%s`) in the part A database: a user in two"
                    + " teams, the organization's level (working hours, away message, retention, one key locked), both"
                    + " teams' and the user's own, each holding values. `SettingsResolver.forUser` in a read transaction"
                    + " (HikariCP pool of 2), in-process, one thread, back to back after %d calls of warm-up: the one"
                    + " query of every level, then the inheritance rule into every key's value, source and lock. *Floor*"
                    + " = the statements it ran (recorded on a recording connection), replayed on a plain JDBC connection,"
                    + " results read to the end: `%s`.%n%n", ORGANIZATION_NAME, warmup, String.join("`; `", statements)));
            s.append("| call | p50 ms | p90 ms | p99 ms | max ms | n | floor p50 ms | floor p99 ms | × floor (p99) |"
                    + " target p99 ms | |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            s.append(String.format(Locale.ROOT, "| effective settings of a user | %s | %s | %s | %s | %d | %s | %s | %s |"
                            + " < %.0f | %s |%n%n", Stats.fmt(resolver.p50()), Stats.fmt(resolver.p90()),
                    Stats.fmt(resolver.p99()), Stats.fmt(resolver.max()), resolver.count(), Stats.fmt(bare.p50()),
                    Stats.fmt(bare.p99()), floor().ratioCell(), TARGET_MS, met() ? "met" : "**missed**"));
            s.append(String.format(Locale.ROOT, "Others' CPU during the measurement: %.0f%%.%n%n", othersCpuPercent));
            s.append("### H2. The away-message check on every inbound message\n\n");
            if (away == null) {
                s.append("Not measured: ").append(awayError).append("\n\n");
                return s.toString();
            }
            Floor f = away.floor();
            s.append(String.format(Locale.ROOT, "Part F2's normalization (the records F1's webhook intake queued: %s records,"
                    + " %s), windows alternating off, on, on, off. *On*: `INBOX_AWAY_REPLIES=on` and the organization's"
                    + " away message enabled, open all day, so every message reads its conversation's settings (the one"
                    + " query) and evaluates them, and none is answered; *off* (the floor): `INBOX_AWAY_REPLIES=off`, the"
                    + " settings never read. Realtime off in both.%n%n", awayFacts.getOrDefault("normalizeRecords", "?"),
                    away.title()));
            s.append("| | on | off (floor) | on/off | target |\n|---|---:|---:|---:|---|\n");
            s.append(String.format(Locale.ROOT, "| normalization, records/s | %,.0f | %,.0f | %s | %s: %s |%n",
                    f.measured(), f.floor(), f.ratioCell(), f.targetCell(), f.verdictCell()));
            s.append(String.format(Locale.ROOT, "| worst window p99, ms per batch of 10 | %s | %s | | |%n%n",
                    Stats.fmt(away.p99(true)), Stats.fmt(away.p99(false))));
            return s.toString();
        }
    }

    private SettingsBench() {
    }

    /** H1, then H2. */
    static Result run(Path root, BenchDatabase db, boolean quick, Path home) throws Exception {
        Result h1 = effectiveSettings(db, quick, home);
        Map<String, String> facts = new LinkedHashMap<>();
        try {
            return h1.withAway(awayCheck(root, db, quick, home, facts), null, facts);
        } catch (Exception | LinkageError e) {
            System.out.println("  H2 failed: " + e);
            e.printStackTrace(System.out);
            return h1.withAway(null, e.toString(), facts);
        }
    }

    /**
     * H2: normalization with the away check on and off (its switch), the organization's away message
     * enabled and open all day, so the check reads and evaluates and never answers.
     */
    static RealtimeWriters.Pair awayCheck(Path root, BenchDatabase db, boolean quick, Path home,
                                          Map<String, String> facts) throws Exception {
        Path s3 = root.resolve("bench/target/bench-h-s3");
        BenchDatabase.deleteTree(s3);
        String region = AwsConfig.DEFAULT_REGION;
        System.out.println("== H2. normalization with the away-message check on vs off (INBOX_AWAY_REPLIES)");
        try (LocalAwsServices aws = LocalAwsServices.start(region, 0, 0, s3)) {
            LocalResources resources = LocalResources.create(SamTemplate.load(root.resolve("template.yaml")), aws.sqs(),
                    aws.s3(), region);
            return RealtimeWriters.normalizeOnOff(db, aws, resources, region, quick, home, facts, "H2",
                    off -> off.with(AwayReplies.SWITCH, "on"), config -> config.with(AwayReplies.SWITCH, "off"),
                    SettingsBench::awayOpenAllDay, () -> 0L);
        } finally {
            BenchDatabase.deleteTree(s3);
        }
    }

    /** The inbound organization's away message on, its hours open around the clock: every check evaluates. */
    private static void awayOpenAllDay(DataSource admin) throws SQLException {
        String day = "[{\"from\": \"00:00\", \"to\": \"24:00\"}]";
        try (Connection c = admin.getConnection()) {
            exec(c, "INSERT INTO settings (id, organization_id, scope, scope_id, settings) VALUES (gen_random_uuid(), ?,"
                    + " 'organization', ?, ?::jsonb)", InboundBench.ORGANIZATION, InboundBench.ORGANIZATION, """
                    {"workingHours": {"timezone": "Europe/London", "holidays": [], "schedule": {"monday": %1$s,
                      "tuesday": %1$s, "wednesday": %1$s, "thursday": %1$s, "friday": %1$s, "saturday": %1$s,
                      "sunday": %1$s}},
                     "awayMessage": {"enabled": true, "text": "We are closed; back at 9.", "intervalMinutes": 240,
                      "channels": {}}}""".formatted(day));
        }
    }

    static Result effectiveSettings(BenchDatabase db, boolean quick, Path home) throws Exception {
        DataSource admin = db.dataSource();
        cleanup(admin);
        int warmup = quick ? 200 : 2000;
        int samples = quick ? 1000 : 10000;
        Config config = Config.of(Map.of(Config.DB_URL, db.plainJdbcUrl(), Config.DB_USER, "postgres",
                Config.DB_PASSWORD, "postgres"));
        try {
            setUp(admin);
            Stats resolved;
            CpuMeter meter = new CpuMeter(home.resolve("postgres"));
            CpuMeter.Snapshot before;
            CpuMeter.Snapshot after;
            try (HikariDataSource pool = DataSources.create(config)) {
                Database database = new Database(pool);
                SettingsResolver resolver = resolver(database);
                for (int i = 0; i < warmup; i++) {
                    check(database.read(c -> resolver.forUser(c, ORGANIZATION, USER)));
                }
                before = meter.snapshot();
                long[] took = new long[samples];
                for (int i = 0; i < samples; i++) {
                    long a = System.nanoTime();
                    database.read(c -> resolver.forUser(c, ORGANIZATION, USER));
                    took[i] = System.nanoTime() - a;
                }
                after = meter.snapshot();
                resolved = Stats.of(took, samples);
            }
            JdbcScript reads;
            try (HikariDataSource recordingPool = DataSources.create(
                    config.with(Config.DB_URL, JdbcScript.recordingUrl(db.plainJdbcUrl())))) {
                Database database = new Database(recordingPool);
                SettingsResolver resolver = resolver(database);
                JdbcScript.Recorded<EffectiveSettings> last = null;
                for (int i = 0; i < 3; i++) {
                    last = JdbcScript.record(() -> database.read(c -> resolver.forUser(c, ORGANIZATION, USER)));
                }
                reads = last.script().keep(sql -> sql.contains("FROM settings"));
            }
            Stats bare;
            try (Connection plain = JdbcScript.plainConnection(db.plainJdbcUrl())) {
                bare = reads.timedReplays(plain, warmup, samples);
            }
            Result r = new Result(resolved, bare, warmup, reads.statements(), CpuMeter.othersPercent(before, after),
                    null, null, Map.of());
            System.out.printf(Locale.ROOT, "  H1     effective settings   p50 %8s  p90 %8s  p99 %8s  max %8s ms  n=%d;"
                            + " floor p50 %s p99 %s ms (%s)%n", Stats.fmt(resolved.p50()), Stats.fmt(resolved.p90()),
                    Stats.fmt(resolved.p99()), Stats.fmt(resolved.max()), resolved.count(), Stats.fmt(bare.p50()),
                    Stats.fmt(bare.p99()), r.floor().ratioCell());
            return r;
        } finally {
            cleanup(admin);
        }
    }

    private static SettingsResolver resolver(Database database) {
        // Reads only: the store's events are never written here.
        return new SettingsResolver(new SettingsStore(new DomainEvents(database, organizationId -> { })));
    }

    /** The resolution is the one set up: each level's value wins where the rule says. */
    private static void check(EffectiveSettings s) {
        if (!s.get(SettingKey.PREFERENCES).source().equals("team:" + TEAM_1)
                || !s.get(SettingKey.SIGNATURE).source().equals("user")
                || !s.get(SettingKey.RETENTION_POLICY).locked()) {
            throw new IllegalStateException("unexpected resolution: " + s.byWireName());
        }
    }

    private static void setUp(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            exec(c, "INSERT INTO organizations (id, name) VALUES (?, ?)", ORGANIZATION, ORGANIZATION_NAME);
            exec(c, "INSERT INTO users (id, organization_id, email, name, role) VALUES (?, ?, 'h@bench.test', 'H', 'agent')",
                    USER, ORGANIZATION);
            for (UUID team : List.of(TEAM_1, TEAM_2)) {
                exec(c, "INSERT INTO teams (id, organization_id, name) VALUES (?, ?, ?)", team, ORGANIZATION,
                        "team " + team);
            }
            exec(c, "INSERT INTO team_members (organization_id, team_id, user_id, joined_at) VALUES (?, ?, ?,"
                    + " now() - interval '2 days')", ORGANIZATION, TEAM_1, USER);
            exec(c, "INSERT INTO team_members (organization_id, team_id, user_id, joined_at) VALUES (?, ?, ?,"
                    + " now() - interval '1 day')", ORGANIZATION, TEAM_2, USER);
            level(c, "organization", ORGANIZATION, """
                    {"workingHours": {"timezone": "Europe/London", "schedule": {"monday": [{"from": "09:00", "to": "17:30"}],
                      "tuesday": [{"from": "09:00", "to": "17:30"}], "wednesday": [{"from": "09:00", "to": "17:30"}],
                      "thursday": [{"from": "09:00", "to": "17:30"}], "friday": [{"from": "09:00", "to": "13:00"},
                      {"from": "14:00", "to": "17:00"}], "saturday": [], "sunday": []},
                      "holidays": [{"date": "2026-12-25", "name": "Christmas"}, {"date": "2026-12-26", "name": "Boxing Day"}]},
                     "awayMessage": {"enabled": true, "text": "We are closed; back at 9.", "intervalMinutes": 240,
                      "channels": {"email": "Thanks for your mail; we answer from 9:00 UK time.", "sms": false}},
                     "retentionPolicy": {"messagesDays": 730, "mediaDays": 365}}""", "{retentionPolicy}");
            level(c, "team", TEAM_1, """
                    {"preferences": {"language": "fr", "sound": true, "compactList": false},
                     "autoAssignment": {"enabled": true, "strategy": "load_balanced", "maxConversationsPerAgent": 8,
                      "onlyOnline": true}}""", "{}");
            level(c, "team", TEAM_2, """
                    {"preferences": {"language": "es", "sound": false, "compactList": true}}""", "{}");
            level(c, "user", USER, """
                    {"signature": {"enabled": true, "text": "H, bench support", "html": null, "channels": ["email"]},
                     "notifications": {"newConversation": {"inApp": true, "email": false},
                      "assignedToMe": {"inApp": true, "email": true}, "mention": {"inApp": true, "email": false},
                      "newMessageInMyConversation": {"inApp": true, "email": false}}}""", "{}");
        }
    }

    private static void level(Connection c, String scope, UUID id, String json, String locked) throws SQLException {
        exec(c, "INSERT INTO settings (id, organization_id, scope, scope_id, settings, locked_keys) VALUES"
                + " (gen_random_uuid(), ?, ?, ?, ?::jsonb, ?::text[])", ORGANIZATION, scope, id, json, locked);
    }

    private static void cleanup(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            exec(c, "DELETE FROM organizations WHERE id = ?", ORGANIZATION);
        }
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }
}
