-- Published OCDS releases are immutable: a correction is a new release, never an edit (like audit_events).
CREATE OR REPLACE FUNCTION ocds_releases_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ocds_releases is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER ocds_releases_append_only BEFORE UPDATE OR DELETE ON ocds_releases
  FOR EACH ROW EXECUTE FUNCTION ocds_releases_reject_change();
--> statement-breakpoint
CREATE TRIGGER ocds_releases_no_truncate BEFORE TRUNCATE ON ocds_releases
  FOR EACH STATEMENT EXECUTE FUNCTION ocds_releases_reject_change();
