package com.unifiedbeez.inbox.assignment;

import java.util.List;

/** The team inbox's request bodies, as the spec names their fields. */
public final class AssignmentRequests {
    private AssignmentRequests() {
    }

    /** {@code POST /api/inbox/assign} */
    public record Assign(String conversationId, String assignToUserId) {
    }

    /** {@code POST /api/inbox/claim} */
    public record Claim(String conversationId) {
    }

    /** {@code POST /api/inbox/transfer}: the reason is kept in the assignment history. */
    public record Transfer(String conversationId, String toUserId, String reason) {
        public static final int MAX_REASON = 1000;
    }

    /** {@code POST /api/inbox/auto-assign}: the team's strategy when none is named. */
    public record AutoAssign(String conversationId, String strategy) {
    }

    /** {@code POST /api/inbox/reassign-bulk} */
    public record ReassignBulk(String fromUserId, String toUserId, List<String> conversationIds) {
        public static final int MAX_CONVERSATIONS = 500;
    }

    /** {@code PATCH /api/inbox/team/:teamId/members/:userId}: what routing knows of a member; absent fields stay. */
    public record MemberRouting(List<String> skills, Boolean senior, Integer maxConversations, Boolean clearMaxConversations) {
        public static final int MAX_SKILLS = 50;
    }

    /** {@code PUT /api/inbox/conversations/:id/routing}: what routing needs to know of a conversation. */
    public record ConversationRouting(String priority, List<String> requiredSkills) {
    }
}
