package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an inbox list or search asks for: a view and the filters of the query string.
 * Comma-separated values mean "any of" ({@code status=new,active}); {@code assignee} is a user id,
 * {@code me} or {@code none}; {@code labels} matches conversations carrying any of the labels.
 */
public record ConversationFilter(
        InboxView view,
        UUID teamId,
        List<ConversationStatus> statuses,
        List<Channel> channels,
        List<String> priorities,
        UUID assigneeUser,
        boolean unassignedOnly,
        List<UUID> labelIds) {

    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

    public static ConversationFilter fromQuery(Map<String, String> query, Caller caller, InboxView defaultView) {
        Validation v = new Validation();
        InboxView view = defaultView;
        String rawView = query.get("view");
        if (rawView != null && !rawView.isBlank()) {
            view = InboxView.parse(rawView).orElse(null);
            if (view == null) {
                v.add("view", "must be one of mine, unassigned, all, team, mentions");
            }
        }
        UUID teamId = null;
        if (query.get("teamId") != null) {
            teamId = v.uuid("teamId", query.get("teamId"));
        }
        List<ConversationStatus> statuses = new ArrayList<>();
        for (String status : values(query.get("status"))) {
            ConversationStatus.parse(status).ifPresentOrElse(statuses::add,
                    () -> v.add("status", "unknown status '" + status + "' (new, active, resolved, closed)"));
        }
        List<Channel> channels = new ArrayList<>();
        for (String channel : values(query.get("channel"))) {
            Channel.parse(channel).ifPresentOrElse(channels::add,
                    () -> v.add("channel", "unknown channel '" + channel + "' (" + Channel.allowedValues() + ")"));
        }
        List<String> priorities = values(query.get("priority"));
        priorities.stream().filter(p -> !PRIORITIES.contains(p))
                .forEach(p -> v.add("priority", "unknown priority '" + p + "' (low, normal, high, urgent)"));
        UUID assigneeUser = null;
        boolean unassignedOnly = false;
        String assignee = query.get("assignee");
        if ("me".equals(assignee)) {
            assigneeUser = caller.userId();
        } else if ("none".equals(assignee)) {
            unassignedOnly = true;
        } else if (assignee != null && !assignee.isBlank()) {
            assigneeUser = Ids.parse(assignee).orElse(null);
            if (assigneeUser == null) {
                v.add("assignee", "must be a user id, 'me' or 'none'");
            }
        }
        List<UUID> labelIds = new ArrayList<>();
        for (String label : values(query.get("labels"))) {
            Ids.parse(label).ifPresentOrElse(labelIds::add, () -> v.add("labels", "'" + label + "' is not a label id"));
        }
        v.throwIfInvalid();
        return new ConversationFilter(view, teamId, List.copyOf(statuses), List.copyOf(channels), priorities,
                assigneeUser, unassignedOnly, List.copyOf(labelIds));
    }

    private static List<String> values(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
