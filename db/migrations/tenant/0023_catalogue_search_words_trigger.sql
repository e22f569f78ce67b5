-- The catalogue's vocabulary (search_words) follows the services' documents. Statement-level triggers with
-- transition tables: one INSERT per statement (a bulk import adds its words once), words sorted so that two
-- concurrent publishers lock shared words in the same order. Only plain words (no digits, punctuation or
-- spaces: not URLs, e-mail addresses or numbers) are worth correcting a typo towards. Dynamic SQL names the
-- trigger's own schema, like services_search_document(): a bulk load may run without the tenant's search_path.
CREATE OR REPLACE FUNCTION search_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'INSERT INTO %I.search_words (word) SELECT DISTINCT w FROM changed_services, unnest(tsvector_to_array(changed_services.search_document)) w '
    'WHERE w ~ ''^[^0-9[:punct:][:space:]]{3,40}$'' ORDER BY w ON CONFLICT DO NOTHING',
    TG_TABLE_SCHEMA);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER services_search_words_insert AFTER INSERT ON services
  REFERENCING NEW TABLE AS changed_services FOR EACH STATEMENT EXECUTE FUNCTION search_words_collect();
--> statement-breakpoint
CREATE TRIGGER services_search_words_update AFTER UPDATE ON services
  REFERENCING NEW TABLE AS changed_services FOR EACH STATEMENT EXECUTE FUNCTION search_words_collect();
--> statement-breakpoint
-- The words of services published before this migration.
INSERT INTO search_words (word)
  SELECT DISTINCT w FROM services, unnest(tsvector_to_array(services.search_document)) w
  WHERE w ~ '^[^0-9[:punct:][:space:]]{3,40}$' ORDER BY w ON CONFLICT DO NOTHING;
