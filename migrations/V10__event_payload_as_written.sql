-- Event payloads are pushed and replayed as written, never queried inside: json keeps the text the
-- writer serialized (compact, in its own field order), where jsonb re-renders it with spaces and
-- parses it on every insert.
ALTER TABLE domain_events ALTER COLUMN payload TYPE json USING payload::json;
