package com.unifiedbeez.inbox.realtime;

import java.util.List;
import java.util.UUID;

/** GET /api/inbox/team/:teamId/presence: every member of the team and their presence now. */
public record TeamPresenceView(UUID teamId, List<Member> members) {
    /** One member. */
    public record Member(UUID userId, String name, String status) {
    }
}
