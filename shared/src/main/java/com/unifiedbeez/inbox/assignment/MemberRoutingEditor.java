package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code PATCH /api/inbox/team/:teamId/members/:userId} (admins): a member's skills, seniority and
 * own capacity, which routing reads. Raised capacity drains the queues at once.
 */
@Singleton
public final class MemberRoutingEditor {
    private static final int MAX_SKILL_LENGTH = 60;

    private final Database database;
    private final AssignmentStore store;
    private final AgentAvailability availability;

    @Inject
    public MemberRoutingEditor(Database database, AssignmentStore store, AgentAvailability availability) {
        this.database = database;
        this.store = store;
        this.availability = availability;
    }

    public AssignmentStore.MemberRoutingView update(Caller caller, String teamId, String userId,
                                                    AssignmentRequests.MemberRouting request) {
        caller.requireAdmin();
        UUID team = Ids.parse(teamId).orElseThrow(() -> ApiException.notFound("team", teamId));
        UUID user = Ids.parse(userId).orElseThrow(() -> ApiException.notFound("team member", userId));
        Validation v = new Validation();
        Set<String> skills = null;
        if (request.skills() != null) {
            if (request.skills().size() > AssignmentRequests.MemberRouting.MAX_SKILLS) {
                v.add("skills", "at most " + AssignmentRequests.MemberRouting.MAX_SKILLS + " skills");
            }
            skills = new LinkedHashSet<>();
            for (String skill : request.skills()) {
                if (skill == null || skill.isBlank() || skill.strip().length() > MAX_SKILL_LENGTH) {
                    v.add("skills", "each skill is 1 to " + MAX_SKILL_LENGTH + " characters");
                } else {
                    skills.add(RequiredSkills.normalize(skill));
                }
            }
        }
        if (request.maxConversations() != null && (request.maxConversations() < 0 || request.maxConversations() > 1000)) {
            v.add("maxConversations", "must be 0 to 1000");
        }
        if (request.maxConversations() != null && Boolean.TRUE.equals(request.clearMaxConversations())) {
            v.add("clearMaxConversations", "cannot be given with maxConversations");
        }
        v.throwIfInvalid();
        List<String> newSkills = skills == null ? null : List.copyOf(skills);
        AssignmentStore.MemberRoutingView updated = database.transaction(c -> store.updateMember(c,
                caller.organizationId(), team, user, newSkills, request.senior(), request.maxConversations(),
                Boolean.TRUE.equals(request.clearMaxConversations()))
                .orElseThrow(() -> ApiException.notFound("team member", userId)));
        availability.freed(caller.organizationId(), user);
        return updated;
    }
}
