-- A send's Idempotency-Key answers the first answer only for the same request: the message keeps
-- a fingerprint (SHA-256 of the route and the canonical request) to tell a retry from a key reused
-- for another message. Rows from before have none and replay as before.
ALTER TABLE messages ADD COLUMN idempotency_fingerprint text;
