-- The audit trail is append-only (ADR 0004). The application never updates or deletes an audit row;
-- these triggers make any attempt fail loudly, on PostgreSQL and PGlite alike. A table owner or
-- superuser can still disable them, so production also REVOKEs UPDATE, DELETE, TRUNCATE from the
-- application role (see the ADR), and the hash chain makes any change that gets through detectable.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit events are never changed or removed; record a new event instead.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
