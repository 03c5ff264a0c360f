package com.unifiedbeez.inbox.bench;

import com.unifiedbeez.inbox.platform.db.Migrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * The benchmark data set: one large organization (by default 100,000 conversations, 1,000,000
 * messages, 50,000 contacts, 20 agents, 4 teams, 30 labels) and a few small ones, so every query's
 * organization filter has other tenants' rows to skip. Generated in memory from a fixed seed, then
 * loaded with COPY: secondary indexes are dropped first and rebuilt after (from their own
 * definitions, so the schema stays exactly the migrations'), foreign-key triggers are skipped
 * for the load session (the generator keeps references consistent, and {@link #verify} checks
 * them), and VACUUM (FREEZE, ANALYZE) leaves the tables as a settled production database would be.
 */
public final class BenchData {
    public static final String BIG_ORG = "Beez Bench Co";
    static final String[] SMALL_ORGS = {"Acme Retail", "Northwind Travel", "Globex Health", "Initech Support",
            "Umbrella Pets", "Hooli Devices"};
    static final String[] CHANNELS = {"whatsapp", "email", "instagram", "messenger", "telegram", "sms"};
    private static final double[] CHANNEL_WEIGHTS = {35, 20, 12, 13, 5, 15};
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MINUTE = 60 * MICROS_PER_SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    /** How much to generate. */
    public record Scale(int conversations, int messages, int contacts, int agents, int admins, int teams, int labels,
                        int smallOrgs, int smallConversations, int smallMessages, int smallContacts) {
        public static final Scale FULL = new Scale(100_000, 1_000_000, 50_000, 20, 2, 4, 30, 4, 2_500, 25_000, 1_500);
        public static final Scale TINY = new Scale(400, 4_000, 200, 6, 1, 2, 10, 1, 50, 500, 30);

        public String describe() {
            return String.format(Locale.ROOT, "%,d conversations, %,d messages, %,d contacts, %d agents, %d teams,"
                            + " %d labels; plus %d organizations of %,d conversations / %,d messages each",
                    conversations, messages, contacts, agents, teams, labels, smallOrgs, smallConversations,
                    smallMessages);
        }
    }

    /** What a load did, for the report. */
    public record LoadReport(Map<String, Long> rows, double generateSeconds, double copySeconds,
                             double indexSeconds, double vacuumSeconds) {
        public double totalSeconds() {
            return generateSeconds + copySeconds + indexSeconds + vacuumSeconds;
        }
    }

    private final Scale scale;
    private final long seed;
    private final long now;
    private long externalSeq = 1;

    // Rows per table, in COPY text format. Conversations, contacts and messages are sorted by time
    // before loading so the heap is in the order production writes would have left it.
    private final StringBuilder organizations = new StringBuilder();
    private final StringBuilder users = new StringBuilder();
    private final StringBuilder teams = new StringBuilder();
    private final StringBuilder teamMemberRows = new StringBuilder();
    private final StringBuilder connections = new StringBuilder();
    private final StringBuilder labels = new StringBuilder();
    private final StringBuilder identities = new StringBuilder(8 << 20);
    private final StringBuilder conversationLabels = new StringBuilder(4 << 20);
    private final StringBuilder reads = new StringBuilder(8 << 20);
    private final List<Keyed> contacts = new ArrayList<>();
    private final List<Keyed> conversations = new ArrayList<>();
    private final List<Keyed> messages = new ArrayList<>();

    private record Keyed(long at, String row) {
    }

    BenchData(Scale scale, long seed, long nowMicros) {
        this.scale = scale;
        this.seed = seed;
        this.now = nowMicros;
    }

    /** Applies the migrations to an empty database, generates and loads the data set. */
    public static LoadReport load(DataSource dataSource, Scale scale, long seed, long nowMicros, boolean log)
            throws SQLException, InterruptedException {
        Migrations.apply(dataSource);
        long t0 = System.nanoTime();
        BenchData data = new BenchData(scale, seed, nowMicros);
        data.generate();
        long t1 = System.nanoTime();
        if (log) {
            System.out.printf(Locale.ROOT, "  generated in memory in %.1f s (%,d messages)%n", (t1 - t0) / 1e9,
                    data.messages.size());
        }
        Map<String, String> indexes;
        try (Connection c = dataSource.getConnection()) {
            indexes = secondaryIndexes(c);
            try (Statement s = c.createStatement()) {
                for (String name : indexes.keySet()) {
                    s.execute("DROP INDEX " + name);
                }
            }
        }
        data.copyAll(dataSource);
        long t2 = System.nanoTime();
        if (log) {
            System.out.printf(Locale.ROOT, "  COPY done in %.1f s; rebuilding %d indexes%n", (t2 - t1) / 1e9,
                    indexes.size());
        }
        parallel(dataSource, new ArrayList<>(indexes.values()), "SET maintenance_work_mem = '512MB'");
        long t3 = System.nanoTime();
        if (log) {
            System.out.printf(Locale.ROOT, "  indexes rebuilt in %.1f s; VACUUM (FREEZE, ANALYZE)%n", (t3 - t2) / 1e9);
        }
        List<String> vacuum = new ArrayList<>();
        for (String table : new String[] {"messages", "conversations", "contact_identities", "contacts",
                "conversation_reads", "conversation_labels", "users", "teams", "team_members", "labels",
                "channel_connections", "organizations"}) {
            vacuum.add("VACUUM (FREEZE, ANALYZE) " + table);
        }
        parallel(dataSource, vacuum, null);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        long t4 = System.nanoTime();
        Map<String, Long> rows = verify(dataSource);
        return new LoadReport(rows, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
    }

    /** Row counts, after checking the references the skipped foreign-key triggers would have checked. */
    static Map<String, Long> verify(DataSource dataSource) throws SQLException {
        String[] orphans = {
                "SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM conversations c"
                        + " WHERE c.organization_id = m.organization_id AND c.id = m.conversation_id)",
                "SELECT count(*) FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM contacts ct"
                        + " WHERE ct.organization_id = c.organization_id AND ct.id = c.contact_id)",
                "SELECT count(*) FROM conversations c WHERE c.assignee_user_id IS NOT NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM users u WHERE u.organization_id = c.organization_id AND u.id = c.assignee_user_id)",
                "SELECT count(*) FROM conversation_labels cl WHERE NOT EXISTS (SELECT 1 FROM labels l"
                        + " WHERE l.organization_id = cl.organization_id AND l.id = cl.label_id)",
                "SELECT count(*) FROM contact_identities i WHERE NOT EXISTS (SELECT 1 FROM contacts ct"
                        + " WHERE ct.organization_id = i.organization_id AND ct.id = i.contact_id)",
                "SELECT count(*) FROM messages m WHERE m.sender_user_id IS NOT NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM users u WHERE u.organization_id = m.organization_id AND u.id = m.sender_user_id)",
        };
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : orphans) {
                try (ResultSet r = s.executeQuery(sql)) {
                    r.next();
                    if (r.getLong(1) != 0) {
                        throw new IllegalStateException("generated data breaks a reference (" + r.getLong(1)
                                + " rows): " + sql);
                    }
                }
            }
            for (String table : new String[] {"organizations", "users", "teams", "team_members", "channel_connections",
                    "labels", "contacts", "contact_identities", "conversations", "conversation_labels",
                    "conversation_reads", "messages"}) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                    r.next();
                    rows.put(table, r.getLong(1));
                }
            }
        }
        return rows;
    }

    /** Non-constraint indexes of the loaded tables: name to CREATE INDEX statement, biggest table first. */
    private static Map<String, String> secondaryIndexes(Connection c) throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace
                 WHERE n.nspname = 'public'
                   AND t.relname IN ('messages', 'conversations', 'contacts', 'contact_identities',
                                     'conversation_labels', 'conversation_reads')
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                 ORDER BY (t.relname = 'messages') DESC, (pg_get_indexdef(i.indexrelid) LIKE '%USING gin%') DESC,
                          t.relname, 1""")) {
            while (r.next()) {
                result.put(r.getString(1), r.getString(2));
            }
        }
        return result;
    }

    /** Runs statements on two connections (the machine's two cores), each taking the next from a queue. */
    private static void parallel(DataSource dataSource, List<String> statements, String sessionSetup)
            throws SQLException, InterruptedException {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(statements);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                workers.add(pool.submit(() -> {
                    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                        s.execute("SET max_parallel_maintenance_workers = 0");
                        if (sessionSetup != null) {
                            s.execute(sessionSetup);
                        }
                        String sql;
                        while ((sql = queue.poll()) != null) {
                            s.execute(sql);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private void copyAll(DataSource dataSource) throws SQLException, InterruptedException {
        contacts.sort(Comparator.comparingLong(Keyed::at));
        conversations.sort(Comparator.comparingLong(Keyed::at));
        messages.sort(Comparator.comparingLong(Keyed::at));
        int half = messages.size() / 2;
        List<CopyJob> first = List.of(
                new CopyJob("organizations", "id, name, created_at", List.of(organizations)),
                new CopyJob("users", "id, organization_id, email, name, role, status, created_at", List.of(users)),
                new CopyJob("teams", "id, organization_id, name, description, created_at",
                        List.of(teams)),
                new CopyJob("team_members", "organization_id, team_id, user_id, joined_at", List.of(teamMemberRows)),
                new CopyJob("channel_connections", "id, organization_id, channel, name, external_id, status, created_at",
                        List.of(connections)),
                new CopyJob("labels", "id, organization_id, name, color, description, created_at, updated_at",
                        List.of(labels)),
                new CopyJob("contacts", "id, organization_id, name, email, phone, avatar_url, created_at, updated_at",
                        rows(contacts, 0, contacts.size())),
                new CopyJob("contact_identities",
                        "id, organization_id, contact_id, channel, identifier, display_name, channel_connection_id, created_at",
                        List.of(identities)),
                new CopyJob("conversations", CONVERSATION_COLUMNS, rows(conversations, 0, conversations.size())),
                new CopyJob("conversation_labels", "organization_id, conversation_id, label_id, applied_by, applied_at",
                        List.of(conversationLabels)),
                new CopyJob("conversation_reads", "organization_id, conversation_id, user_id, last_read_at",
                        List.of(reads)),
                new CopyJob("messages", MESSAGE_COLUMNS, rows(messages, 0, half)));
        List<CopyJob> second = List.of(
                new CopyJob("messages", MESSAGE_COLUMNS, rows(messages, half, messages.size())));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> jobs = new ArrayList<>();
            for (List<CopyJob> batch : List.of(first, second)) {
                jobs.add(pool.submit(() -> {
                    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                        // The generator keeps every reference valid; skipping the per-row FK triggers
                        // is what makes a million-row COPY take seconds (verify() re-checks them).
                        s.execute("SET session_replication_role = replica");
                        for (CopyJob job : batch) {
                            Copy.into(c, job.table(), job.columns(), job.chunks());
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> job : jobs) {
                job.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private record CopyJob(String table, String columns, Iterable<? extends CharSequence> chunks) {
    }

    private static Iterable<CharSequence> rows(List<Keyed> list, int from, int to) {
        return () -> new java.util.Iterator<>() {
            int i = from;

            @Override
            public boolean hasNext() {
                return i < to;
            }

            @Override
            public CharSequence next() {
                return list.get(i++).row();
            }
        };
    }

    private static final String CONVERSATION_COLUMNS = "id, organization_id, contact_id, channel, channel_connection_id,"
            + " status, priority, assignee_user_id, assignee_team_id, subject, last_message_at, last_message_preview,"
            + " last_inbound_at, created_at, updated_at, resolved_at, closed_at";
    private static final String MESSAGE_COLUMNS = "id, organization_id, conversation_id, channel_connection_id,"
            + " direction, sender_type, sender_user_id, message_type, content, external_id, status, error_code,"
            + " error_message, queued_at, enqueued_at, sent_at, delivered_at, read_at, failed_at, platform_timestamp,"
            + " created_at";

    // ---------------------------------------------------------------------------------------------
    // Generation

    void generate() {
        SplittableRandom root = new SplittableRandom(seed);
        new Org(BIG_ORG, 0, scale.agents(), scale.admins(), scale.teams(), scale.labels(), scale.contacts(),
                scale.conversations(), scale.messages(), root.split()).generate();
        for (int i = 0; i < scale.smallOrgs(); i++) {
            new Org(SMALL_ORGS[i % SMALL_ORGS.length], i + 1, 5, 1, 1, 10, scale.smallContacts(),
                    scale.smallConversations(), scale.smallMessages(), root.split()).generate();
        }
    }

    private final class Org {
        final String name;
        final int index;
        final int agentCount;
        final int adminCount;
        final int teamCount;
        final int labelCount;
        final int contactCount;
        final int conversationCount;
        final int messageCount;
        final SplittableRandom random;
        final UUID id;

        UUID[] agentIds;
        String[] agentFirst;
        UUID[] teamIds;
        List<List<Integer>> teamMembers = new ArrayList<>();
        int[] agentTeam; // primary team of each agent
        UUID[] connectionIds = new UUID[CHANNELS.length];
        UUID[] labelIds;
        double[] agentWeights;
        // contacts
        UUID[] contactIds;
        String[] contactFirst;
        int[][] contactChannels;
        long[] contactFirstSeen;

        Org(String name, int index, int agents, int admins, int teams, int labels, int contacts, int conversations,
            int messages, SplittableRandom random) {
            this.name = name;
            this.index = index;
            this.agentCount = agents;
            this.adminCount = admins;
            this.teamCount = teams;
            this.labelCount = labels;
            this.contactCount = contacts;
            this.conversationCount = conversations;
            this.messageCount = messages;
            this.random = random;
            this.id = Uuid7.at(now - 800 * DAY, random);
        }

        void generate() {
            long orgCreated = now - 800 * DAY;
            Copy.row(organizations).id(id).text(name).time(orgCreated).end();
            people(orgCreated);
            channelsAndLabels(orgCreated);
            contacts();
            conversations();
            for (int i = 0; i < contactCount; i++) {
                long created = contactFirstSeen[i] == Long.MAX_VALUE
                        ? now - (long) (random.nextDouble() * 600 * DAY)
                        : contactFirstSeen[i] - (long) (random.nextDouble() * DAY);
                contactRows.get(i).created = created;
            }
            for (int i = 0; i < contactCount; i++) {
                contactId(i);
            }
            for (ContactRow row : contactRows) {
                StringBuilder out = new StringBuilder(160);
                Copy.row(out).id(row.id).id(id).text(row.name).text(row.email).text(row.phone).text(row.avatar)
                        .time(row.created).time(row.created).end();
                BenchData.this.contacts.add(new Keyed(row.created, out.toString()));
                for (String[] identity : row.identities) {
                    Copy.row(identities).id(Uuid7.at(row.created, random)).id(id).id(row.id).text(identity[0])
                            .text(identity[1]).text(identity[2]).id(connectionIds[channelIndex(identity[0])])
                            .time(row.created).end();
                }
            }
        }

        void people(long created) {
            int users = agentCount + adminCount;
            agentIds = new UUID[agentCount];
            agentFirst = new String[agentCount];
            Set<String> emails = new HashSet<>();
            for (int i = 0; i < users; i++) {
                String first = Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
                String last = Vocabulary.pick(random, Vocabulary.LAST_NAMES);
                String email = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
                while (!emails.add(email)) {
                    email = email + random.nextInt(10);
                }
                UUID userId = Uuid7.at(created + i * MINUTE, random);
                boolean admin = i >= agentCount;
                if (!admin) {
                    agentIds[i] = userId;
                    agentFirst[i] = first;
                }
                String status = new String[] {"online", "online", "away", "busy", "offline"}[random.nextInt(5)];
                Copy.row(BenchData.this.users).id(userId).id(id)
                        .text(email + "@" + name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example")
                        .text(first + " " + last).text(admin ? "admin" : "agent").text(status).time(created).end();
            }
            teamIds = new UUID[teamCount];
            agentTeam = new int[agentCount];
            for (int t = 0; t < teamCount; t++) {
                teamIds[t] = Uuid7.at(created + t * MINUTE, random);
                teamMembers.add(new ArrayList<>());
                Copy.row(teams).id(teamIds[t]).id(id).text(Vocabulary.TEAM_NAMES[t % Vocabulary.TEAM_NAMES.length])
                        .text(null).time(created).end();
            }
            for (int a = 0; a < agentCount; a++) {
                int team = a % teamCount;
                agentTeam[a] = team;
                teamMembers.get(team).add(a);
                Copy.row(teamMemberRows).id(id).id(teamIds[team]).id(agentIds[a]).time(created).end();
                // A few agents sit in a second team.
                if (a < teamCount && teamCount > 1) {
                    int second = (team + 1) % teamCount;
                    teamMembers.get(second).add(a);
                    Copy.row(teamMemberRows).id(id).id(teamIds[second]).id(agentIds[a]).time(created).end();
                }
            }
            // Some agents carry far more conversations than others (senior agents, part-timers).
            agentWeights = new double[agentCount];
            for (int a = 0; a < agentCount; a++) {
                agentWeights[a] = 1.0 / Math.pow(a + 1, 0.6);
            }
        }

        void channelsAndLabels(long created) {
            for (int ch = 0; ch < CHANNELS.length; ch++) {
                connectionIds[ch] = Uuid7.at(created + ch * HOUR, random);
                String external = switch (CHANNELS[ch]) {
                    case "email" -> "support@" + name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example";
                    case "sms" -> "+1555" + (1_000_000 + index * 1000 + ch);
                    default -> Long.toString(100_000_000_000_000L + index * 1_000_000L + ch * 1000L + random.nextInt(999));
                };
                Copy.row(connections).id(connectionIds[ch]).id(id).text(CHANNELS[ch])
                        .text(name + " " + CHANNELS[ch]).text(external).text("active").time(created).end();
            }
            labelIds = new UUID[labelCount];
            for (int l = 0; l < labelCount; l++) {
                labelIds[l] = Uuid7.at(created + l * MINUTE, random);
                Copy.row(labels).id(labelIds[l]).id(id).text(Vocabulary.LABELS[l % Vocabulary.LABELS.length])
                        .text(Vocabulary.LABEL_COLORS[l % Vocabulary.LABEL_COLORS.length]).text(null)
                        .time(created).time(created).end();
            }
        }

        final class ContactRow {
            UUID id;
            String name;
            String email;
            String phone;
            String avatar;
            long created;
            List<String[]> identities = new ArrayList<>(3); // channel, identifier, display name
        }

        final List<ContactRow> contactRows = new ArrayList<>();

        void contacts() {
            contactIds = new UUID[contactCount];
            contactFirst = new String[contactCount];
            contactChannels = new int[contactCount][];
            contactFirstSeen = new long[contactCount];
            Arrays.fill(contactFirstSeen, Long.MAX_VALUE);
            Set<String> identifiers = new HashSet<>(contactCount * 2);
            for (int i = 0; i < contactCount; i++) {
                ContactRow row = new ContactRow();
                // The id is made when the contact is first seen (its first conversation): see contactId.
                String first = Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
                String last = Vocabulary.pick(random, Vocabulary.LAST_NAMES);
                contactFirst[i] = first;
                int primary = Vocabulary.weighted(random, CHANNEL_WEIGHTS);
                List<Integer> channels = new ArrayList<>(List.of(primary));
                double extra = random.nextDouble();
                int wanted = extra < 0.08 ? 3 : extra < 0.30 ? 2 : 1;
                while (channels.size() < wanted) {
                    int ch = Vocabulary.weighted(random, CHANNEL_WEIGHTS);
                    if (!channels.contains(ch)) {
                        channels.add(ch);
                    }
                }
                contactChannels[i] = channels.stream().mapToInt(Integer::intValue).toArray();
                boolean hasPhone = channels.contains(0) || channels.contains(5) || random.nextDouble() < 0.2;
                boolean hasEmail = channels.contains(1) || random.nextDouble() < 0.3;
                // Some SMS/WhatsApp contacts are only a number.
                boolean anonymous = !channels.contains(1) && (channels.contains(5) || channels.contains(0))
                        && random.nextDouble() < 0.06;
                row.name = anonymous ? null : first + " " + last;
                if (hasPhone) {
                    String phone;
                    do {
                        phone = phone();
                    } while (!identifiers.add("phone:" + phone));
                    row.phone = phone;
                }
                if (hasEmail) {
                    String base = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
                    String email;
                    do {
                        email = base + (random.nextInt(3) == 0 ? "" : Integer.toString(random.nextInt(10_000))) + "@"
                                + Vocabulary.pick(random, Vocabulary.EMAIL_DOMAINS);
                    } while (!identifiers.add("email:" + email));
                    row.email = email;
                }
                if (random.nextDouble() < 0.4) {
                    row.avatar = "https://cdn.example.test/avatars/" + Integer.toHexString(random.nextInt()) + ".jpg";
                }
                String handle = (first + "_" + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z_]", "")
                        + random.nextInt(100);
                for (int ch : contactChannels[i]) {
                    String identifier;
                    String display;
                    switch (CHANNELS[ch]) {
                        case "whatsapp" -> {
                            identifier = row.phone.substring(1); // wa_id: the number without '+'
                            display = random.nextInt(4) == 0 ? first + " 🌸" : first;
                        }
                        case "sms" -> {
                            identifier = row.phone;
                            display = null;
                        }
                        case "email" -> {
                            identifier = row.email;
                            display = row.name;
                        }
                        case "instagram" -> {
                            identifier = unique(identifiers, "ig", 17);
                            display = handle;
                        }
                        case "messenger" -> {
                            identifier = unique(identifiers, "fb", 16);
                            display = first + " " + last;
                        }
                        default -> {
                            identifier = unique(identifiers, "tg", 10);
                            display = random.nextBoolean() ? "@" + handle : first;
                        }
                    }
                    row.identities.add(new String[] {CHANNELS[ch], identifier, display});
                }
                contactRows.add(row);
            }
        }

        private String unique(Set<String> seen, String kind, int digits) {
            String value;
            do {
                StringBuilder sb = new StringBuilder(digits);
                sb.append(1 + random.nextInt(9));
                for (int d = 1; d < digits; d++) {
                    sb.append(random.nextInt(10));
                }
                value = sb.toString();
            } while (!seen.add(kind + ":" + value));
            return value;
        }

        private String phone() {
            String[] plan = Vocabulary.PHONE_PLANS[Vocabulary.weighted(random, Vocabulary.PHONE_PLAN_WEIGHTS)];
            String prefix = plan[1 + random.nextInt(plan.length - 1)];
            // National significant number lengths: 9 in France and the UAE, 11 in Germany and Brazil.
            int total = switch (plan[0]) {
                case "33", "971" -> 9;
                case "49", "55" -> 11;
                default -> 10;
            };
            StringBuilder sb = new StringBuilder("+").append(plan[0]).append(prefix);
            for (int d = prefix.length(); d < total; d++) {
                sb.append(random.nextInt(10));
            }
            return sb.toString();
        }

        void conversations() {
            int n = conversationCount;
            // Contacts: everyone who ever wrote has one conversation; repeat customers have more.
            int[] contactOf = new int[n];
            for (int i = 0; i < n; i++) {
                contactOf[i] = i < contactCount ? i : (int) (contactCount * Math.pow(random.nextDouble(), 2.2));
            }
            String[] statuses = {"new", "active", "resolved", "closed"};
            double[] statusWeights = {6, 16, 48, 30};
            String[] priorities = {"low", "normal", "high", "urgent"};
            double[] priorityWeights = {10, 70, 15, 5};
            int[] status = new int[n];
            int[] channel = new int[n];
            int[] count = new int[n];
            Set<Long> open = new HashSet<>();
            for (int i = 0; i < n; i++) {
                int[] channels = contactChannels[contactOf[i]];
                channel[i] = channels.length == 1 || random.nextDouble() < 0.75
                        ? channels[0] : channels[1 + random.nextInt(channels.length - 1)];
                status[i] = Vocabulary.weighted(random, statusWeights);
                // One open conversation per contact and channel (the conversations_one_open index).
                if (status[i] <= 1 && !open.add((long) contactOf[i] * 8 + channel[i])) {
                    status[i] = 2 + random.nextInt(2);
                }
            }
            // Message counts: log-normal around ~10, new conversations only the customer's first 1-3.
            int fixed = 0;
            List<Integer> adjustable = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (status[i] == 0) {
                    count[i] = 1 + random.nextInt(3);
                    fixed += count[i];
                } else {
                    adjustable.add(i);
                }
            }
            long sum = 0;
            for (int i : adjustable) {
                count[i] = (int) Math.max(2, Math.min(150, Math.round(Math.exp(1.98 + 0.8 * random.nextGaussian()))));
                sum += count[i];
            }
            long diff = (long) messageCount - fixed - sum;
            while (diff != 0 && !adjustable.isEmpty()) {
                int i = adjustable.get(random.nextInt(adjustable.size()));
                if (diff > 0) {
                    count[i]++;
                    diff--;
                } else if (count[i] > 2) {
                    count[i]--;
                    diff++;
                }
            }
            for (int i = 0; i < n; i++) {
                conversation(contactOf[i], channel[i], statuses[status[i]],
                        priorities[Vocabulary.weighted(random, priorityWeights)], count[i]);
            }
        }

        private void conversation(int contact, int ch, String status, String priority, int messageTotal) {
            boolean open = status.equals("new") || status.equals("active");
            // Who holds it: new ones mostly wait in the unassigned queue or a team's; active,
            // resolved and closed ones mostly have an agent.
            int agent = -1;
            int team = -1;
            double u = random.nextDouble();
            switch (status) {
                case "new" -> {
                    if (u < 0.25) {
                        team = random.nextInt(teamCount);
                    } else if (u < 0.40) {
                        agent = Vocabulary.weighted(random, agentWeights);
                    }
                }
                case "active" -> {
                    if (u < 0.85) {
                        agent = Vocabulary.weighted(random, agentWeights);
                    } else if (u < 0.95) {
                        team = random.nextInt(teamCount);
                    }
                }
                default -> {
                    if (u < 0.88) {
                        agent = Vocabulary.weighted(random, agentWeights);
                    } else if (u < 0.93) {
                        team = random.nextInt(teamCount);
                    }
                }
            }
            if (agent >= 0 && random.nextDouble() < 0.8) {
                team = agentTeam[agent];
            }
            int topic = Vocabulary.weighted(random, Vocabulary.TOPIC_WEIGHTS);
            boolean email = CHANNELS[ch].equals("email");

            // Directions and times.
            byte[] inbound = new byte[messageTotal];
            boolean[] bot = new boolean[messageTotal];
            int k = 0;
            boolean customerTurn = true;
            boolean firstAgentTurn = true;
            while (k < messageTotal) {
                if (customerTurn || status.equals("new")) {
                    int burst = 1 + (random.nextDouble() < 0.3 ? 1 + (random.nextDouble() < 0.3 ? 1 : 0) : 0);
                    for (int b = 0; b < burst && k < messageTotal; b++) {
                        inbound[k++] = 1;
                    }
                } else {
                    if (firstAgentTurn && random.nextDouble() < 0.3 && k < messageTotal - 1) {
                        bot[k++] = true;
                    }
                    firstAgentTurn = false;
                    int burst = 1 + (random.nextDouble() < 0.25 ? 1 : 0);
                    for (int b = 0; b < burst && k < messageTotal; b++) {
                        k++;
                    }
                }
                customerTurn = !customerTurn;
            }
            long[] offset = new long[messageTotal];
            for (int m = 1; m < messageTotal; m++) {
                long gap;
                if (bot[m]) {
                    gap = 2 * MICROS_PER_SECOND + (long) (random.nextDouble() * 3 * MICROS_PER_SECOND);
                } else if (inbound[m] == inbound[m - 1]) {
                    gap = exp(60 * MICROS_PER_SECOND, 10 * MINUTE);
                } else if (inbound[m] == 0) {
                    gap = exp(45 * MINUTE, 2 * DAY); // agent response time
                } else {
                    gap = exp(3 * HOUR, 3 * DAY); // customer comes back
                }
                offset[m] = offset[m - 1] + Math.max(gap, 1000);
            }
            long span = offset[messageTotal - 1];
            long end = open
                    ? now - Math.min(21 * DAY, exp(2 * DAY, 21 * DAY)) - random.nextInt(60) * MICROS_PER_SECOND
                    : now - HOUR - (long) (365 * DAY * Math.pow(random.nextDouble(), 1.3));
            long start = end - span;
            if (start < now - 700 * DAY) {
                start = now - 700 * DAY;
            }
            long created = start;
            UUID conversationId = Uuid7.at(created, random);
            UUID connection = connectionIds[ch];
            String customerFirst = contactFirst[contact];
            long lastInbound = Copy.NO_TIME;
            long lastAgent = Copy.NO_TIME;
            long lastAt = created;
            String lastContent = null;
            for (int m = 0; m < messageTotal; m++) {
                long at = start + offset[m];
                lastAt = at;
                StringBuilder row = new StringBuilder(320);
                String content;
                String type = "text";
                if (inbound[m] == 1) {
                    double media = random.nextDouble();
                    if (m > 0 && media < 0.04) {
                        type = "image";
                        content = random.nextBoolean() ? null : "Here's a photo of it";
                    } else if (m > 0 && media < 0.05) {
                        type = "document";
                        content = null;
                    } else {
                        content = customerText(topic, m == 0, customerFirst, email);
                    }
                    Copy.row(row).id(Uuid7.at(at, random)).id(id).id(conversationId).id(connection).text("inbound")
                            .text("contact").id(null).text(type).text(content).text(externalId(ch)).text(null)
                            .text(null).text(null).time(Copy.NO_TIME).time(Copy.NO_TIME).time(Copy.NO_TIME)
                            .time(Copy.NO_TIME).time(Copy.NO_TIME).time(Copy.NO_TIME).time(at)
                            .time(at + random.nextInt(2_000_000)).end();
                    lastInbound = at;
                } else {
                    int sender = bot[m] ? -1 : agent >= 0 ? agent
                            : team >= 0 ? teamMembers.get(team).get(random.nextInt(teamMembers.get(team).size()))
                            : random.nextInt(agentCount);
                    content = bot[m] ? Vocabulary.BOT_AUTO_REPLY
                            : agentText(topic, lastAgent == Copy.NO_TIME, customerFirst,
                            email ? agentFirst[sender] : null);
                    double s = random.nextDouble();
                    String delivery = s < 0.02 ? "failed" : email ? (s < 0.7 ? "delivered" : "sent")
                            : s < 0.62 ? "read" : s < 0.92 ? "delivered" : "sent";
                    long delivered = delivery.equals("delivered") || delivery.equals("read")
                            ? at + 500_000 + random.nextInt(10_000_000) : Copy.NO_TIME;
                    long read = delivery.equals("read") ? delivered + exp(10 * MINUTE, DAY) : Copy.NO_TIME;
                    boolean failed = delivery.equals("failed");
                    Copy.row(row).id(Uuid7.at(at, random)).id(id).id(conversationId).id(connection).text("outbound")
                            .text(bot[m] ? "bot" : "user").id(bot[m] ? null : agentIds[sender]).text(type)
                            .text(content).text(failed ? null : externalId(ch)).text(delivery)
                            .text(failed ? "131047" : null)
                            .text(failed ? "Re-engagement message: more than 24 hours since the customer replied" : null)
                            .time(at - 200_000).time(at - 150_000).time(failed ? Copy.NO_TIME : at).time(delivered)
                            .time(read)
                            .time(failed ? at + 1_000_000 : Copy.NO_TIME).time(at).time(at - 200_000).end();
                    if (!bot[m]) {
                        lastAgent = at;
                    }
                }
                lastContent = content;
                messages.add(new Keyed(at, row.toString()));
            }
            if (created < contactFirstSeen[contact]) {
                contactFirstSeen[contact] = created;
            }
            long resolved = Copy.NO_TIME;
            long closed = Copy.NO_TIME;
            if (!open) {
                resolved = Math.min(now - MINUTE, lastAt + exp(2 * HOUR, 2 * DAY));
                if (status.equals("closed")) {
                    closed = Math.min(now - MINUTE, resolved + exp(DAY, 7 * DAY));
                }
            }
            long updated = Math.max(lastAt, Math.max(resolved, closed));
            String subject = email ? Vocabulary.fill(random,
                    Vocabulary.pick(random, Vocabulary.TOPIC_SUBJECTS[topic]), customerFirst) : null;
            StringBuilder row = new StringBuilder(400);
            Copy.row(row).id(conversationId).id(id).id(contactId(contact))
                    .text(CHANNELS[ch]).id(connection).text(status).text(priority)
                    .id(agent >= 0 ? agentIds[agent] : null).id(team >= 0 ? teamIds[team] : null).text(subject)
                    .time(lastAt).text(preview(lastContent)).time(lastInbound).time(created).time(updated)
                    .time(resolved).time(closed).end();
            conversations.add(new Keyed(created, row.toString()));

            // Labels: a third of conversations, 1.5 each on average, popular labels more often.
            if (random.nextDouble() < 1.0 / 3) {
                double l = random.nextDouble();
                int labelTotal = l < 0.6 ? 1 : l < 0.9 ? 2 : 3;
                Set<Integer> chosen = new HashSet<>();
                while (chosen.size() < labelTotal) {
                    chosen.add(Vocabulary.zipfIndex(random, labelCount, 0.8));
                }
                for (int label : chosen) {
                    Copy.row(conversationLabels).id(id).id(conversationId).id(labelIds[label])
                            .id(agent >= 0 ? agentIds[agent] : null).time(created + exp(HOUR, DAY)).end();
                }
            }
            // Read positions: the assignee read up to their last reply (later customer messages are
            // unread); a closed conversation was read to the end.
            if (agent >= 0) {
                long readAt = open ? lastAgent : lastAt;
                if (readAt != Copy.NO_TIME) {
                    Copy.row(reads).id(id).id(conversationId).id(agentIds[agent]).time(readAt).end();
                }
            }
        }

        private UUID contactId(int contact) {
            ContactRow row = contactRows.get(contact);
            if (row.id == null) {
                long firstSeen = contactFirstSeen[contact] == Long.MAX_VALUE ? now - 30 * DAY : contactFirstSeen[contact];
                row.id = Uuid7.at(firstSeen, random);
                contactIds[contact] = row.id;
            }
            return row.id;
        }

        private String customerText(int topic, boolean opening, String first, boolean email) {
            String text;
            if (opening || random.nextDouble() < 0.35) {
                text = Vocabulary.fill(random, Vocabulary.pick(random, Vocabulary.CUSTOMER_OPENERS[topic]), first);
                if (opening && random.nextDouble() < 0.3) {
                    text = (random.nextBoolean() ? "Hi, " : "Hello there. ") + text;
                }
            } else {
                text = Vocabulary.fill(random, Vocabulary.pick(random, Vocabulary.CUSTOMER_FOLLOW_UPS), first);
            }
            if (random.nextDouble() < 0.0005) {
                String[] rare = Vocabulary.RARE[random.nextInt(Vocabulary.RARE.length)];
                text = text + " " + Vocabulary.fill(random, rare[1], first);
            }
            if (email) {
                text = "Hello,\n\n" + text + "\n\nBest regards,\n" + first;
            }
            return text;
        }

        private String agentText(int topic, boolean firstReply, String customerFirst, String agentSignature) {
            String text;
            if (firstReply && random.nextDouble() < 0.5) {
                text = Vocabulary.fill(random, Vocabulary.AGENT_GENERIC[0], customerFirst) + " "
                        + Vocabulary.fill(random, Vocabulary.pick(random, Vocabulary.AGENT_REPLIES[topic]), customerFirst);
            } else if (random.nextDouble() < 0.6) {
                text = Vocabulary.fill(random, Vocabulary.pick(random, Vocabulary.AGENT_REPLIES[topic]), customerFirst);
            } else {
                text = Vocabulary.fill(random, Vocabulary.pick(random, Vocabulary.AGENT_GENERIC), customerFirst);
            }
            if (agentSignature != null) {
                text = "Hi " + customerFirst + ",\n\n" + text + "\n\nKind regards,\n" + agentSignature
                        + "\nCustomer Support";
            }
            return text;
        }

        private String externalId(int ch) {
            long n = externalSeq++;
            return switch (CHANNELS[ch]) {
                case "whatsapp" -> "wamid.HBgM" + Long.toString(n * 7919 + 1_000_000_007L, 36).toUpperCase(Locale.ROOT);
                case "email" -> "<" + Long.toString(n, 36) + "." + index + "@mail.example.test>";
                case "sms" -> String.format(Locale.ROOT, "SM%032x", n * 2654435761L);
                case "telegram" -> Long.toString(n);
                default -> "m_" + Long.toString(n * 104729 + 17, 36);
            };
        }

        private long exp(long mean, long cap) {
            return Math.min(cap, (long) (-mean * Math.log(1 - random.nextDouble())));
        }
    }

    private static int channelIndex(String channel) {
        for (int i = 0; i < CHANNELS.length; i++) {
            if (CHANNELS[i].equals(channel)) {
                return i;
            }
        }
        throw new IllegalArgumentException(channel);
    }

    /** The same preview rule as ConversationCreator.preview: 200 characters at most. */
    static String preview(String content) {
        if (content == null) {
            return null;
        }
        return content.length() <= 200 ? content : content.substring(0, 199) + "…";
    }
}
