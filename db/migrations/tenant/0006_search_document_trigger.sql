-- The catalogue's full-text document is kept by the database: only published services are searchable, and the
-- text-search configuration follows the tenant's content language (tenant_settings.search_config).
CREATE OR REPLACE FUNCTION services_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  config text;
BEGIN
  IF NEW.status <> 'published' THEN
    NEW.search_document := NULL;
    RETURN NEW;
  END IF;
  EXECUTE format('SELECT value FROM %I.tenant_settings WHERE key = $1', TG_TABLE_SCHEMA) INTO config USING 'search_config';
  NEW.search_document := jsonb_to_tsvector(coalesce(config, 'simple')::regconfig, NEW.answers, '["string"]');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER services_search_document BEFORE INSERT OR UPDATE OF answers, status ON services
  FOR EACH ROW EXECUTE FUNCTION services_search_document();
--> statement-breakpoint
-- Services published before this migration get their document now.
UPDATE services SET status = status WHERE status = 'published';
