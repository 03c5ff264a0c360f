-- Issue 10: a customer writing outside working hours gets the away message at most once per
-- conversation per interval. When it last went out, claimed by a conditional UPDATE in the
-- inbound message's own transaction, so concurrent consumers of one conversation send one.
ALTER TABLE conversations ADD COLUMN away_message_sent_at timestamptz;
