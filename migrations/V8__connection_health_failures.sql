-- One vocabulary for a connection's health (issue 8): last_health_status is what the latest look at
-- the account saw, 'ok' or 'failed', whoever looked (a member's health check, the email poller,
-- connect); the API and the poller wrote 'active'/'error' and 'ok'/'error' before. The connection's
-- status (active | error | disconnected) is routing state and moves only on what the system sees
-- itself: consecutive_failures counts its failed polls in a row, and the third makes a live
-- connection 'error' (ConnectionRepository.recordObserved); a success clears it.
ALTER TABLE channel_connections ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0
    CHECK (consecutive_failures >= 0);

UPDATE channel_connections
   SET last_health_status = CASE WHEN last_health_status IN ('ok', 'active') THEN 'ok' ELSE 'failed' END
 WHERE last_health_status IS NOT NULL;

ALTER TABLE channel_connections ADD CONSTRAINT channel_connections_last_health_status
    CHECK (last_health_status IN ('ok', 'failed'));
