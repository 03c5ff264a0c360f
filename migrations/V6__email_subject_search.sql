-- Conversation search finds an email conversation by its subject, words by prefix as for contact
-- names ('simple' configuration: no stemming, "inv" finds "Invoice"). An expression index, not a
-- generated column: no rewrite of the conversations table. Partial: only email conversations have
-- a subject, so the index stays small and the search's subject test is one bitmap scan of it.
CREATE INDEX conversations_subject_search ON conversations USING gin (to_tsvector('simple', subject))
    WHERE subject IS NOT NULL;
