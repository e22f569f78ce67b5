-- The audit trail is evidence: the database itself refuses to change or remove it.
CREATE OR REPLACE FUNCTION "platform"."audit_events_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "platform"."audit_events"
  FOR EACH ROW EXECUTE FUNCTION "platform"."audit_events_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "platform"."audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "platform"."audit_events_reject_change"();
