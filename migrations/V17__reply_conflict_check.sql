-- Issue 11: a reply may say what its sender had seen (POST /messages/send ifLastEventSeq, ifMatch);
-- when the conversation got a customer's message or another agent's reply since, it is refused
-- (message.ReplyConflicts). Each precondition is one range of one of these indexes.

-- ifLastEventSeq: a conversation's message announcements after a seq, or not numbered yet (NULL).
-- Only the two names that announce a new message, not their many status updates.
CREATE INDEX domain_events_messages_by_conversation ON domain_events (conversation_id, seq)
    WHERE name IN ('message:received', 'message:sent');
-- ifMatch: a conversation's messages stored after one of them, in the order they were stored.
CREATE INDEX messages_by_conversation_age ON messages (conversation_id, created_at, id);
