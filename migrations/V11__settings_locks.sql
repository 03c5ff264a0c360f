-- Issue 10: settings by level (organization > team > user) with provenance. The settings table of
-- V1 holds one row per level; an organization's row may also lock keys so no team or user
-- overrides them (their stored overrides are kept, and ignored while the lock holds).
ALTER TABLE settings ADD COLUMN locked_keys text[] NOT NULL DEFAULT '{}';
-- The schema version a row was written under, so a later version can migrate rows it reads.
ALTER TABLE settings ADD COLUMN schema_version integer NOT NULL DEFAULT 1;
-- Only an organization's row locks anything.
ALTER TABLE settings ADD CONSTRAINT settings_locks_organization_only
    CHECK (scope = 'organization' OR cardinality(locked_keys) = 0);
