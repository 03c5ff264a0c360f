package com.unifiedbeez.inbox.functions.team;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.settings.SettingScope;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.SettingsRows;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A test's "given" for the team routes: an organization of its own with an admin and a Support
 * team, members joining in the order they are added, and conversations whose last activity is a
 * minute apart in the order they are made (the team inbox lists the newest first).
 */
final class TeamScenario {
    final Fixtures fx = Fixtures.onTestDatabase();
    final UUID org = fx.organization("Acme " + UUID.randomUUID());
    final Caller admin = fx.user(org, "Ada", Role.ADMIN);
    final UUID team = fx.team(org, "Support");
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(2, ChronoUnit.HOURS);
    private int joined;
    private int made;

    /** The team's {@code autoAssignment} setting. */
    TeamScenario routing(String autoAssignment) {
        new SettingsRows(fx).put(org, SettingScope.TEAM, team, "{\"autoAssignment\": " + autoAssignment + "}");
        return this;
    }

    /** {@code {"enabled": true, "strategy": <strategy>, "maxConversationsPerAgent": <capacity>, "onlyOnline": true}} */
    static String enabled(String strategy, int capacity) {
        return "{\"enabled\": true, \"strategy\": \"" + strategy + "\", \"maxConversationsPerAgent\": " + capacity
                + ", \"onlyOnline\": true}";
    }

    /** An agent of the organization in the Support team, with a presence. */
    Caller member(String name, String presence) {
        Caller agent = agent(name);
        join(team, agent);
        presence(agent, presence);
        return agent;
    }

    /** An agent of the organization in no team. */
    Caller agent(String name) {
        return fx.user(org, name, Role.AGENT);
    }

    void join(UUID teamId, Caller agent) {
        fx.exec("INSERT INTO team_members (organization_id, team_id, user_id, joined_at) VALUES (?, ?, ?, ?)", org, teamId,
                agent.userId(), start.plusSeconds(++joined));
    }

    void presence(Caller agent, String status) {
        fx.exec("UPDATE users SET status = ? WHERE id = ?", status, agent.userId());
    }

    void memberColumn(Caller agent, String column, Object value) {
        fx.exec("UPDATE team_members SET " + column + " = ? WHERE team_id = ? AND user_id = ?", value, team, agent.userId());
    }

    /** A new, unassigned conversation of the Support team. */
    UUID conversation() {
        return conversation(ConversationSpec.open(next()).team(team));
    }

    /** A conversation of the Support team held by {@code agent}, with a status and a priority. */
    UUID held(Caller agent, String status, String priority) {
        UUID id = conversation(ConversationSpec.open(next()).team(team).assignedTo(agent.userId()).status(status));
        priority(id, priority);
        return id;
    }

    UUID conversation(ConversationSpec spec) {
        UUID contact = fx.contact(org, "Customer " + (made + 1), "whatsapp", "4477" + UUID.randomUUID().toString()
                .replaceAll("\\D", "").substring(0, 8));
        return fx.conversation(org, contact, "whatsapp", spec);
    }

    /** The next conversation's last activity: a minute after the previous one's. */
    Instant next() {
        return start.plus(++made, ChronoUnit.MINUTES);
    }

    void priority(UUID conversation, String priority) {
        fx.exec("UPDATE conversations SET priority = ? WHERE id = ?", priority, conversation);
    }

    UUID assignee(UUID conversation) {
        return fx.assignee(conversation);
    }

    boolean queued(UUID conversation) {
        return fx.queued(conversation);
    }

    /** The organization's recorded decisions. */
    long decisions() {
        return fx.count("SELECT count(*) FROM assignment_decisions WHERE organization_id = ?", org);
    }

    /** A conversation's decisions as {@code trigger:outcome}, oldest first. */
    List<String> history(UUID conversation) {
        return fx.list("SELECT trigger || ':' || outcome FROM assignment_decisions WHERE conversation_id = ?"
                + " ORDER BY decided_at, id", conversation);
    }
}
