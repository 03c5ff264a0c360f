package com.unifiedbeez.inbox.local.seed;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.local.sandbox.SandboxAccount;
import com.unifiedbeez.inbox.local.sandbox.SandboxAccounts;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo data of the local runtime, written with plain JDBC in batches: organization "Acme
 * Support" (an admin, three agents, two teams, one connection per channel, 60 contacts, 300
 * conversations with their messages, labels, notes and mentions) and a small second tenant,
 * "Globex", to show isolation. Content is deterministic (a fixed {@link Random} seed; times are
 * relative to the moment of seeding); users, teams and connections have fixed well-known ids.
 * Each organization is seeded only when it is not there yet, in one transaction.
 */
public final class DemoSeed {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);

    public static final long RANDOM_SEED = 20_240_611L;

    public static final UUID ACME_ORG = UUID.fromString("01900000-0000-7000-8000-00000000ac3e");
    public static final String ACME_NAME = "Acme Support";
    public static final UUID GLOBEX_ORG = UUID.fromString("01900000-0000-7000-8000-0000000061b0");
    public static final String GLOBEX_NAME = "Globex";

    public static final DemoUser ADA = new DemoUser(UUID.fromString("01900000-0000-7000-8000-000000000a01"),
            ACME_ORG, ACME_NAME, "Ada Admin", "ada@acme.example", "admin");
    public static final DemoUser SAM = new DemoUser(UUID.fromString("01900000-0000-7000-8000-000000000a02"),
            ACME_ORG, ACME_NAME, "Sam Agent", "sam@acme.example", "agent");
    public static final DemoUser PRIYA = new DemoUser(UUID.fromString("01900000-0000-7000-8000-000000000a03"),
            ACME_ORG, ACME_NAME, "Priya Agent", "priya@acme.example", "agent");
    public static final DemoUser LEE = new DemoUser(UUID.fromString("01900000-0000-7000-8000-000000000a04"),
            ACME_ORG, ACME_NAME, "Lee Agent", "lee@acme.example", "agent");
    public static final DemoUser GRACE = new DemoUser(UUID.fromString("01900000-0000-7000-8000-000000000b01"),
            GLOBEX_ORG, GLOBEX_NAME, "Grace Globex", "grace@globex.example", "admin");

    /** Every demo user, Acme's first. */
    public static final List<DemoUser> USERS = List.of(ADA, SAM, PRIYA, LEE, GRACE);
    public static final List<DemoUser> ACME_AGENTS = List.of(SAM, PRIYA, LEE);

    public static final UUID SUPPORT_TEAM = UUID.fromString("01900000-0000-7000-8000-000000000c01");
    public static final UUID SALES_TEAM = UUID.fromString("01900000-0000-7000-8000-000000000c02");

    public static final List<String> CHANNELS = List.of("whatsapp", "email", "instagram", "messenger", "telegram", "sms");

    // The designed counts (SeedTest holds the seed to them).
    public static final int ACME_CONTACTS = 60;
    /** Half the contacts also write on a second channel. */
    public static final int ACME_IDENTITIES = 90;
    public static final int ACME_CONVERSATIONS = 300;
    public static final int ACME_LABELS = 6;
    public static final int ACME_NOTES = 16;
    public static final int GLOBEX_CONTACTS = 5;
    public static final int GLOBEX_CONVERSATIONS = 8;

    private DemoSeed() {
    }

    /** Fixed id of Acme's connection on a channel. */
    public static UUID acmeConnection(String channel) {
        return UUID.fromString(String.format("01900000-0000-7000-8000-000000000d%02d", CHANNELS.indexOf(channel) + 1));
    }

    public static UUID acmeConnection(Channel channel) {
        return acmeConnection(channel.wireName());
    }

    public static final UUID GLOBEX_WHATSAPP = UUID.fromString("01900000-0000-7000-8000-000000000e01");

    /**
     * Seeds whichever demo organization is missing, then makes the demo connections sandbox-ready
     * ({@link #connectSandbox}); true when an organization was written.
     */
    public static boolean seedIfMissing(DataSource dataSource, SandboxAccounts accounts, CredentialCipher cipher)
            throws SQLException {
        boolean wrote = seedIfMissing(dataSource);
        connectSandbox(dataSource, accounts, cipher);
        return wrote;
    }

    /**
     * Points the demo connections at their sandbox accounts: external id, settings (merged over
     * what is there, so the mailbox follows the mail server's ports) and, where a connection has no
     * credentials yet, the account's secrets encrypted like the channels API stores them.
     * Idempotent: a second run changes nothing; credentials set since (a reconnect) are kept.
     */
    public static void connectSandbox(DataSource dataSource, SandboxAccounts accounts, CredentialCipher cipher)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE channel_connections SET external_id = ?, config = config || ?::jsonb,"
                        + " credentials_encrypted = COALESCE(credentials_encrypted, ?),"
                        + " credentials_key_id = CASE WHEN credentials_encrypted IS NULL THEN ? ELSE credentials_key_id END"
                        + " WHERE id = ? AND organization_id = ?")) {
            for (SandboxAccount a : accounts.all()) {
                s.setString(1, a.externalId());
                s.setString(2, Json.write(a.config()));
                s.setBytes(3, cipher.encrypt(a.connectionId(), new Secrets(a.secrets())));
                s.setString(4, cipher.keyId());
                s.setObject(5, a.connectionId());
                s.setObject(6, a.organizationId());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Seeds whichever demo organization is missing (connections without credentials); true when anything was written. */
    public static boolean seedIfMissing(DataSource dataSource) throws SQLException {
        boolean wrote = false;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                if (!exists(c, ACME_ORG)) {
                    long t = System.nanoTime();
                    new Generator(c, now, new Random(RANDOM_SEED)).acme();
                    c.commit();
                    LOG.info("seeded {} in {} ms", ACME_NAME, (System.nanoTime() - t) / 1_000_000);
                    wrote = true;
                }
                if (!exists(c, GLOBEX_ORG)) {
                    new Generator(c, now, new Random(RANDOM_SEED + 1)).globex();
                    c.commit();
                    wrote = true;
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return wrote;
    }

    private static boolean exists(Connection c, UUID organization) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM organizations WHERE id = ?")) {
            s.setObject(1, organization);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private record Identity(UUID id, UUID contactId, String channel, String identifier, String displayName,
                            UUID connectionId) {
    }

    private static final class Contact {
        final UUID id = Ids.newId();
        final String first;
        final String name;
        String email;
        String phone;
        final List<Identity> identities = new ArrayList<>();

        Contact(String first, String last) {
            this.first = first;
            this.name = first + " " + last;
        }
    }

    private static final class Conversation {
        final UUID id = Ids.newId();
        Contact contact;
        Identity identity;
        String status;
        String priority;
        UUID assigneeUser;
        UUID assigneeTeam;
        String subject;
        Instant createdAt;
        Instant lastMessageAt;
        String preview;
        Instant lastInboundAt;
        Instant lastOutboundAt;
        Instant updatedAt;
        Instant resolvedAt;
        Instant closedAt;
        Scripts.Topic topic;
    }

    private record Message(UUID id, UUID conversationId, UUID connectionId, String direction, UUID senderUser,
                           String content, String externalId, String status, Instant at) {
    }

    /** Builds one organization's rows in memory, then writes them table by table. */
    private static final class Generator {
        private final Connection c;
        private final Instant now;
        private final Random random;
        private long externalCounter = 1;

        Generator(Connection c, Instant now, Random random) {
            this.c = c;
            this.now = now;
            this.random = random;
        }

        void acme() throws SQLException {
            UUID org = ACME_ORG;
            exec("INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)", org, ACME_NAME, now.minus(Duration.ofDays(120)));
            try (Batch users = new Batch(c, "INSERT INTO users (id, organization_id, email, name, role, status, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                List<String> statuses = List.of("online", "online", "away", "offline");
                List<DemoUser> acme = List.of(ADA, SAM, PRIYA, LEE);
                for (int i = 0; i < acme.size(); i++) {
                    DemoUser u = acme.get(i);
                    users.add(u.id(), org, u.email(), u.name(), u.role(), statuses.get(i), now.minus(Duration.ofDays(120)));
                }
            }
            try (Batch teams = new Batch(c, "INSERT INTO teams (id, organization_id, name, description) VALUES (?, ?, ?, ?)")) {
                teams.add(SUPPORT_TEAM, org, "Support", "Orders, accounts, refunds and technical questions");
                teams.add(SALES_TEAM, org, "Sales", "Plans, pricing, upgrades and cancellations");
            }
            // a member's own capacity (NULL: the team's maxConversationsPerAgent alone)
            try (Batch members = new Batch(c, "INSERT INTO team_members (organization_id, team_id, user_id, skills,"
                    + " max_concurrent_conversations, senior) VALUES (?, ?, ?, ?::text[], ?, ?)")) {
                members.add(org, SUPPORT_TEAM, ADA.id(), "{escalations}", null, true);
                members.add(org, SUPPORT_TEAM, SAM.id(), "{billing,refunds}", null, false);
                members.add(org, SUPPORT_TEAM, PRIYA.id(), "{technical,spanish}", null, false);
                members.add(org, SALES_TEAM, PRIYA.id(), "{spanish}", 12, false);
                members.add(org, SALES_TEAM, LEE.id(), "{sales,upgrades}", 8, true);
            }
            // Support assigns new and reopened conversations by round robin (an absent agent's work stays
            // theirs until the README turns reassignAwayAfterMinutes on); Sales assigns by hand.
            try (Batch settings = new Batch(c, "INSERT INTO settings (id, organization_id, scope, scope_id, settings)"
                    + " VALUES (?, ?, 'team', ?, ?::jsonb)")) {
                settings.add(Ids.newId(), org, SUPPORT_TEAM, """
                        {"autoAssignment": {"enabled": true, "strategy": "round_robin", "maxConversationsPerAgent": 25,
                                            "onlyOnline": true, "reassignAwayAfterMinutes": null}}""");
            }
            insertConnections(org, now.minus(Duration.ofDays(100)));

            List<Contact> contacts = contacts(ACME_CONTACTS);
            for (int i = 0; i < contacts.size(); i++) {
                Contact contact = contacts.get(i);
                int primary = i % CHANNELS.size();
                identity(contact, CHANNELS.get(primary), i, acmeConnection(CHANNELS.get(primary)));
                if (i % 2 == 0) { // half of them also write on another channel
                    String second = CHANNELS.get((primary + 1 + (i / 2) % 5) % CHANNELS.size());
                    identity(contact, second, i + 100, acmeConnection(second));
                }
            }
            writeContacts(org, contacts);

            Map<String, UUID> labels = new java.util.LinkedHashMap<>();
            try (Batch batch = new Batch(c, "INSERT INTO labels (id, organization_id, name, color, description,"
                    + " parent_label_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                label(batch, labels, org, "VIP", "#F59E0B", "High-value customer", null);
                label(batch, labels, org, "Billing", "#3B82F6", "Charges, invoices, plans", null);
                label(batch, labels, org, "Refund", "#6366F1", "Refund requests (under Billing)", labels.get("Billing"));
                label(batch, labels, org, "Bug", "#EF4444", "Something in the product is broken", null);
                label(batch, labels, org, "Feature request", "#10B981", "Ideas and wishes for the product", null);
                label(batch, labels, org, "Follow-up", "#8B5CF6", "Needs another touch later", null);
            }

            // Every (contact, channel) pair is a slot: it may hold one open conversation, plus history.
            List<Identity> slots = new ArrayList<>();
            contacts.forEach(ct -> slots.addAll(ct.identities));
            int[] perSlot = new int[slots.size()];
            java.util.Arrays.fill(perSlot, ACME_CONVERSATIONS / slots.size());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            for (int i = 0; i < ACME_CONVERSATIONS % slots.size(); i++) {
                perSlot[order.get(i)]++;
            }
            Map<UUID, Contact> byId = new java.util.HashMap<>();
            contacts.forEach(ct -> byId.put(ct.id, ct));
            List<Conversation> conversations = new ArrayList<>();
            List<Message> messages = new ArrayList<>();
            for (int s = 0; s < slots.size(); s++) {
                Identity slot = slots.get(s);
                Contact contact = byId.get(slot.contactId());
                int count = perSlot[s];
                boolean lastOpen = random.nextDouble() < 0.8;
                List<Long> ages = new ArrayList<>(); // minutes before now, oldest first
                for (int k = 0; k < count; k++) {
                    ages.add(60L * 24 * 4 + (long) random.nextInt(60 * 24 * 70));
                }
                ages.sort(Collections.reverseOrder());
                for (int k = 0; k < count; k++) {
                    boolean open = lastOpen && k == count - 1;
                    String status = open ? (random.nextDouble() < 0.4 ? "new" : "active")
                            : (random.nextDouble() < 0.6 ? "resolved" : "closed");
                    long age = open
                            ? ("new".equals(status) ? 5 + random.nextInt(60 * 10) : 30 + random.nextInt(60 * 24 * 3))
                            : ages.get(k);
                    conversations.add(conversation(contact, slot, status, now.minus(Duration.ofMinutes(age)), messages,
                            List.of(ADA, SAM, PRIYA, LEE)));
                }
            }
            writeConversations(org, conversations, messages);
            writeAcmeLabelsReadsNotes(org, conversations, labels);
        }

        void globex() throws SQLException {
            UUID org = GLOBEX_ORG;
            exec("INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)", org, GLOBEX_NAME, now.minus(Duration.ofDays(60)));
            exec("INSERT INTO users (id, organization_id, email, name, role, status) VALUES (?, ?, ?, ?, 'admin', 'online')",
                    GRACE.id(), org, GRACE.email(), GRACE.name());
            insertConnections(org, now.minus(Duration.ofDays(50)));
            List<Contact> contacts = contacts(GLOBEX_CONTACTS);
            for (int i = 0; i < contacts.size(); i++) {
                identity(contacts.get(i), "whatsapp", 500 + i, GLOBEX_WHATSAPP);
            }
            writeContacts(org, contacts);
            List<Conversation> conversations = new ArrayList<>();
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < GLOBEX_CONVERSATIONS; i++) {
                Contact contact = contacts.get(i % contacts.size());
                boolean open = i < contacts.size(); // one open conversation per contact, then history
                String status = open ? (i % 2 == 0 ? "active" : "new") : "resolved";
                long age = open ? 30 + random.nextInt(60 * 24) : 60L * 24 * 5 + random.nextInt(60 * 24 * 20);
                conversations.add(conversation(contact, contact.identities.get(0), status,
                        now.minus(Duration.ofMinutes(age)), messages, List.of(GRACE)));
            }
            writeConversations(org, conversations, messages);
        }

        /** The organization's connections to its sandbox accounts; their credentials come with {@link #connectSandbox}. */
        private void insertConnections(UUID org, Instant created) throws SQLException {
            // every Acme line routes its customers to Support (channel_connections.team_id)
            try (Batch connections = new Batch(c, "INSERT INTO channel_connections (id, organization_id, channel, name,"
                    + " external_id, status, config, last_health_at, last_health_status, created_at, team_id)"
                    + " VALUES (?, ?, ?, ?, ?, 'active', ?::jsonb, ?, 'ok', ?, ?)")) {
                for (SandboxAccount a : DemoAccounts.sandbox(SandboxAccounts.DEFAULT_SMTP_PORT, SandboxAccounts.DEFAULT_IMAP_PORT).all()) {
                    if (a.organizationId().equals(org)) {
                        connections.add(a.connectionId(), org, a.channel().wireName(), a.name(), a.externalId(),
                                Json.write(a.config()), now, created, org.equals(ACME_ORG) ? SUPPORT_TEAM : null);
                    }
                }
            }
        }

        // --- building rows -------------------------------------------------------------------

        private List<Contact> contacts(int count) {
            List<String[]> pairs = new ArrayList<>();
            for (String first : Scripts.FIRST_NAMES) {
                for (String last : Scripts.LAST_NAMES) {
                    pairs.add(new String[] {first, last});
                }
            }
            Collections.shuffle(pairs, random);
            List<Contact> contacts = new ArrayList<>();
            Set<String> firstNamesUsed = new LinkedHashSet<>();
            for (String[] pair : pairs) {
                if (contacts.size() == count) {
                    break;
                }
                // spread first names: at most two contacts share one
                String key = pair[0] + (firstNamesUsed.contains(pair[0] + "#1") ? "#2" : "#1");
                if (firstNamesUsed.contains(pair[0] + "#2")) {
                    continue;
                }
                firstNamesUsed.add(key);
                contacts.add(new Contact(pair[0], pair[1]));
            }
            return contacts;
        }

        private void identity(Contact contact, String channel, int n, UUID connection) {
            String handle = ascii(contact.name).toLowerCase(Locale.ROOT).replace(' ', '.').replace("'", "");
            String identifier;
            String display = contact.name;
            switch (channel) {
                case "whatsapp" -> {
                    identifier = String.format("447700900%03d", n % 1000);
                    contact.phone = contact.phone == null ? "+" + identifier : contact.phone;
                    display = contact.first;
                }
                case "sms" -> {
                    identifier = String.format("+1415555%04d", n % 10000);
                    contact.phone = contact.phone == null ? identifier : contact.phone;
                    display = null;
                }
                case "email" -> {
                    String domain = List.of("example.com", "example.org", "example.net").get(n % 3);
                    identifier = handle + (n >= 100 ? ".alt" : "") + "@" + domain;
                    contact.email = contact.email == null ? identifier : contact.email;
                }
                case "instagram" -> {
                    identifier = String.format("178414%011d", 1_000_000L + n * 7_919L);
                    display = handle.replace('.', '_') + (n % 7);
                }
                case "messenger" -> identifier = String.format("2%015d", 300_000_000L + n * 104_729L);
                case "telegram" -> {
                    identifier = Long.toString(500_000_000L + n * 7_907L);
                    display = contact.first;
                }
                default -> throw new IllegalArgumentException(channel);
            }
            contact.identities.add(new Identity(Ids.newId(), contact.id, channel, identifier, display, connection));
        }

        private Conversation conversation(Contact contact, Identity slot, String status, Instant start,
                                          List<Message> messages, List<DemoUser> staff) {
            Conversation cv = new Conversation();
            cv.contact = contact;
            cv.identity = slot;
            cv.status = status;
            cv.topic = Scripts.TOPICS.get(random.nextInt(Scripts.TOPICS.size()));
            int orderNo = 10_000 + random.nextInt(90_000);
            cv.subject = "email".equals(slot.channel()) ? cv.topic.subject(orderNo) : null;
            double p = random.nextDouble();
            cv.priority = p < 0.08 ? "urgent" : p < 0.25 ? "high" : p < 0.9 ? "normal" : "low";
            assign(cv, staff);

            // "new": the customer wrote and nobody answered yet; otherwise a back-and-forth.
            int count = "new".equals(status) ? 2 + random.nextInt(2) : 2 + random.nextInt(7);
            boolean endsInbound = "active".equals(status) && random.nextDouble() < 0.45;
            if (!"new".equals(status) && (count % 2 == 1) != endsInbound) {
                count = count == 8 ? 7 : count + 1;
            }
            List<Instant> times = new ArrayList<>();
            Instant t = start;
            for (int i = 0; i < count; i++) {
                times.add(t);
                t = t.plus(Duration.ofMinutes(1 + random.nextInt(i % 2 == 0 ? 45 : 180)));
            }
            Instant latest = now.minus(Duration.ofMinutes(1));
            if (times.get(count - 1).isAfter(latest)) {
                Duration shift = Duration.between(latest, times.get(count - 1));
                times.replaceAll(x -> x.minus(shift));
            }
            UUID replier = cv.assigneeUser != null ? cv.assigneeUser : staff.get(random.nextInt(staff.size())).id();
            int in = 0;
            int out = 0;
            for (int i = 0; i < count; i++) {
                boolean inbound = "new".equals(status) || i % 2 == 0;
                Instant at = times.get(i);
                String content;
                if (inbound) {
                    content = cv.topic.inbound(in++, cv.contact.first, orderNo);
                    messages.add(new Message(Ids.newId(), cv.id, slot.connectionId(), "inbound", null, content,
                            externalId(slot.channel(), true), null, at));
                    cv.lastInboundAt = at;
                } else {
                    content = cv.topic.outbound(out++, cv.contact.first, orderNo);
                    boolean lastOne = i >= count - 2;
                    messages.add(new Message(Ids.newId(), cv.id, slot.connectionId(), "outbound", replier, content,
                            externalId(slot.channel(), false), deliveryStatus(slot.channel(), lastOne), at));
                    cv.lastOutboundAt = at;
                }
                cv.lastMessageAt = at;
                cv.preview = content.length() > 120 ? content.substring(0, 117) + "..." : content;
            }
            cv.createdAt = times.get(0);
            cv.updatedAt = cv.lastMessageAt;
            if ("resolved".equals(status) || "closed".equals(status)) {
                cv.resolvedAt = min(cv.lastMessageAt.plus(Duration.ofMinutes(5 + random.nextInt(55))), latest);
                cv.updatedAt = cv.resolvedAt;
                if ("closed".equals(status)) {
                    cv.closedAt = min(cv.resolvedAt.plus(Duration.ofHours(24 + random.nextInt(48))), latest);
                    cv.updatedAt = cv.closedAt;
                }
            }
            return cv;
        }

        /** Some conversations are an agent's ("mine"), some only a team's, some nobody's yet. */
        private void assign(Conversation cv, List<DemoUser> staff) {
            double r = random.nextDouble();
            if (staff.size() == 1) {
                cv.assigneeUser = r < 0.6 && !"new".equals(cv.status) ? staff.get(0).id() : null;
                return;
            }
            if ("new".equals(cv.status)) {
                cv.assigneeTeam = r < 0.35 ? (random.nextBoolean() ? SUPPORT_TEAM : SALES_TEAM) : null;
                return;
            }
            if (r < 0.06) {
                cv.assigneeUser = ADA.id();
                cv.assigneeTeam = SUPPORT_TEAM;
            } else if (r < 0.60) {
                DemoUser agent = ACME_AGENTS.get(random.nextInt(ACME_AGENTS.size()));
                cv.assigneeUser = agent.id();
                cv.assigneeTeam = agent == SAM ? SUPPORT_TEAM : agent == LEE ? SALES_TEAM
                        : random.nextBoolean() ? SUPPORT_TEAM : SALES_TEAM;
            } else if (r < 0.82) {
                cv.assigneeTeam = random.nextBoolean() ? SUPPORT_TEAM : SALES_TEAM;
            }
        }

        /** Delivery receipts as each platform gives them: read receipts on Meta, delivery on SMS. */
        private String deliveryStatus(String channel, boolean recent) {
            return switch (channel) {
                case "whatsapp", "messenger", "instagram" -> recent
                        ? List.of("sent", "delivered", "read").get(random.nextInt(3)) : "read";
                case "sms" -> recent && random.nextBoolean() ? "sent" : "delivered";
                default -> "sent"; // email, telegram: no receipts
            };
        }

        private String externalId(String channel, boolean inbound) {
            long n = externalCounter++;
            String hex = String.format("%016x", n * 0x9E3779B97F4A7C15L);
            return switch (channel) {
                case "whatsapp" -> "wamid.HBgL" + hex.toUpperCase(Locale.ROOT);
                case "messenger", "instagram" -> "m_" + hex + Long.toHexString(n);
                case "telegram" -> Long.toString(1000 + n);
                case "sms" -> "SM" + hex + String.format("%016x", n);
                case "email" -> "<" + hex + "@" + (inbound ? "mail.example.com" : "mail.acme.example") + ">";
                default -> hex;
            };
        }

        // --- writing rows ---------------------------------------------------------------------

        private void writeContacts(UUID org, List<Contact> contacts) throws SQLException {
            try (Batch batch = new Batch(c, "INSERT INTO contacts (id, organization_id, name, email, phone, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Contact ct : contacts) {
                    Instant created = now.minus(Duration.ofDays(80 + random.nextInt(30)));
                    batch.add(ct.id, org, ct.name, ct.email, ct.phone, created, created);
                }
            }
            try (Batch batch = new Batch(c, "INSERT INTO contact_identities (id, organization_id, contact_id, channel,"
                    + " identifier, display_name, channel_connection_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Contact ct : contacts) {
                    for (Identity i : ct.identities) {
                        batch.add(i.id(), org, ct.id, i.channel(), i.identifier(), i.displayName(), i.connectionId());
                    }
                }
            }
        }

        private void writeConversations(UUID org, List<Conversation> conversations, List<Message> messages)
                throws SQLException {
            try (Batch batch = new Batch(c, "INSERT INTO conversations (id, organization_id, contact_id, channel,"
                    + " channel_connection_id, status, priority, assignee_user_id, assignee_team_id, subject,"
                    + " last_message_at, last_message_preview, last_inbound_at, created_at, updated_at, resolved_at,"
                    + " closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Conversation cv : conversations) {
                    batch.add(cv.id, org, cv.contact.id, cv.identity.channel(), cv.identity.connectionId(), cv.status,
                            cv.priority, cv.assigneeUser, cv.assigneeTeam, cv.subject, cv.lastMessageAt, cv.preview,
                            cv.lastInboundAt, cv.createdAt, cv.updatedAt, cv.resolvedAt, cv.closedAt);
                }
            }
            try (Batch batch = new Batch(c, "INSERT INTO messages (id, organization_id, conversation_id,"
                    + " channel_connection_id, direction, sender_type, sender_user_id, message_type, content, external_id,"
                    + " status, queued_at, sent_at, delivered_at, read_at, platform_timestamp, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 'text', ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Message m : messages) {
                    boolean out = "outbound".equals(m.direction());
                    Instant sent = out ? m.at().plusSeconds(1) : null;
                    Instant delivered = out && ("delivered".equals(m.status()) || "read".equals(m.status()))
                            ? m.at().plusSeconds(3) : null;
                    Instant read = out && "read".equals(m.status()) ? m.at().plusSeconds(45) : null;
                    batch.add(m.id(), org, m.conversationId(), m.connectionId(), m.direction(), out ? "user" : "contact",
                            m.senderUser(), m.content(), m.externalId(), m.status(), out ? m.at() : null, sent, delivered,
                            read, m.at(), m.at());
                }
            }
            // What each assignee has seen: everything of a finished conversation, up to their last reply otherwise.
            try (Batch batch = new Batch(c, "INSERT INTO conversation_reads (organization_id, conversation_id, user_id,"
                    + " last_read_at) VALUES (?, ?, ?, ?)")) {
                for (Conversation cv : conversations) {
                    if (cv.assigneeUser == null) {
                        continue;
                    }
                    Instant seen = cv.resolvedAt != null ? cv.lastMessageAt : cv.lastOutboundAt;
                    if (seen != null) {
                        batch.add(org, cv.id, cv.assigneeUser, seen);
                    }
                }
            }
        }

        private void writeAcmeLabelsReadsNotes(UUID org, List<Conversation> conversations, Map<String, UUID> labels)
                throws SQLException {
            try (Batch batch = new Batch(c, "INSERT INTO conversation_labels (organization_id, conversation_id, label_id,"
                    + " applied_by, applied_at) VALUES (?, ?, ?, ?, ?)")) {
                for (Conversation cv : conversations) {
                    Set<UUID> applied = new LinkedHashSet<>();
                    if (cv.topic.label() != null && !"new".equals(cv.status) && random.nextDouble() < 0.7) {
                        applied.add(labels.get(cv.topic.label()));
                    }
                    if (random.nextDouble() < 0.08) {
                        applied.add(labels.get("VIP"));
                    }
                    if ("active".equals(cv.status) && random.nextDouble() < 0.2) {
                        applied.add(labels.get("Follow-up"));
                    }
                    UUID by = cv.assigneeUser != null ? cv.assigneeUser : ADA.id();
                    for (UUID label : applied) {
                        batch.add(org, cv.id, label, by, cv.lastMessageAt);
                    }
                }
            }
            List<Conversation> discussed = new ArrayList<>();
            for (Conversation cv : conversations) {
                if ("active".equals(cv.status) || "resolved".equals(cv.status)) {
                    discussed.add(cv);
                }
            }
            List<DemoUser> acme = List.of(ADA, SAM, PRIYA, LEE);
            List<Object[]> mentionRows = new ArrayList<>();
            try (Batch notes = new Batch(c, "INSERT INTO notes (id, organization_id, conversation_id, author_id, content,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                Set<UUID> used = new LinkedHashSet<>();
                for (int i = 0; i < ACME_NOTES; i++) {
                    Conversation cv;
                    do {
                        cv = discussed.get(random.nextInt(discussed.size()));
                    } while (!used.add(cv.id));
                    DemoUser mentioned = acme.get(i % acme.size());
                    DemoUser author = acme.get((i + 1 + random.nextInt(acme.size() - 1)) % acme.size());
                    List<DemoUser> who = new ArrayList<>(List.of(mentioned));
                    String text = String.format(Scripts.NOTES.get(i % Scripts.NOTES.size()), mentioned.name());
                    if (i % 5 == 0) {
                        DemoUser also = acme.get((i + 2) % acme.size());
                        if (also != author && also != mentioned) {
                            who.add(also);
                            text = text + " cc @" + also.name();
                        }
                    }
                    Instant at = min(cv.lastMessageAt.plus(Duration.ofMinutes(2 + random.nextInt(30))),
                            now.minus(Duration.ofMinutes(1)));
                    UUID note = Ids.newId();
                    notes.add(note, org, cv.id, author.id(), text, at);
                    for (DemoUser u : who) {
                        mentionRows.add(new Object[] {org, note, u.id(), cv.id, at,
                                i % 2 == 0 ? null : at.plus(Duration.ofMinutes(20))});
                    }
                }
            }
            try (Batch mentions = new Batch(c, "INSERT INTO note_mentions (organization_id, note_id, user_id,"
                    + " conversation_id, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : mentionRows) {
                    mentions.add(row);
                }
            }
        }

        private void label(Batch batch, Map<String, UUID> labels, UUID org, String name, String color,
                           String description, UUID parent) throws SQLException {
            UUID id = Ids.newId();
            labels.put(name, id);
            batch.add(id, org, name, color, description, parent);
        }

        private void exec(String sql, Object... values) throws SQLException {
            try (Batch batch = new Batch(c, sql)) {
                batch.add(values);
            }
        }

        private static Instant min(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }

        private static String ascii(String s) {
            return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        }
    }
}
