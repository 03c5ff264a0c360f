-- Phone numbers are searched by their digits: "+44 7700 900123", "447700900123" and "(0)7700..."
-- all become one digits token, so a search for "+4477009" finds SMS identities and contact phones
-- as well as WhatsApp ids (stored without "+").
ALTER TABLE contacts DROP COLUMN search;
ALTER TABLE contacts ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' '
                          || regexp_replace(coalesce(phone, ''), '\D', '', 'g'))
) STORED;
CREATE INDEX contacts_search ON contacts USING gin (search);

ALTER TABLE contact_identities DROP COLUMN search;
ALTER TABLE contact_identities ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', identifier || ' ' || coalesce(display_name, '') || ' ' || regexp_replace(identifier, '\D', '', 'g'))
) STORED;
CREATE INDEX contact_identities_search ON contact_identities USING gin (search);

-- Search and filtered views walk the organization's conversations in activity order and test
-- each one: carrying contact_id in the index makes that walk index-only.
DROP INDEX conversations_all;
CREATE INDEX conversations_all ON conversations (organization_id, last_message_at DESC, id DESC) INCLUDE (contact_id);
