package com.unifiedbeez.inbox.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.MessageType;
import java.util.List;
import java.util.UUID;

/** A validated outbound message about to be stored {@code queued}. */
record Draft(MessageType type, String content, ObjectNode metadata, List<UUID> attachmentIds, UUID templateId) {
}
