-- Trigram matching for typo-tolerant catalogue search. Installed once per database, in "public", and always
-- called schema-qualified (public.word_similarity) because tenant transactions bind search_path to their schema.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
