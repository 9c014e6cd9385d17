-- The handler workload count (0021) moves from AFTER to BEFORE row triggers, so the handler's
-- workload row is locked while the complaints UPDATE itself runs, not when the statement's queued
-- AFTER triggers fire at its end. Why it matters: complaint intake now sends its last UPDATE in the
-- same statement as the audit append (platform/audit: sendWithAudits), and with AFTER triggers that
-- statement would take the audit chain's lock before the workload row, while every other complaint
-- change takes the row (its UPDATE) before the audit lock (its append at the end): two transactions
-- could each hold one and wait for the other. With BEFORE triggers every path takes the workload row
-- first. The count is the same: a BEFORE ROW trigger sees the row version that is actually changed
-- (re-checked after a concurrent update under READ COMMITTED), and a statement that fails later
-- rolls the count back with it. No other BEFORE trigger on complaints can skip the row.
CREATE OR REPLACE FUNCTION complaints_count_workload() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was uuid := NULL;
  now_owner uuid := NULL;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.owner_id IS NOT NULL AND OLD.status <> 'closed' THEN was := OLD.owner_id; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.owner_id IS NOT NULL AND NEW.status <> 'closed' THEN now_owner := NEW.owner_id; END IF;
  IF was IS DISTINCT FROM now_owner THEN
    INSERT INTO complaint_handler_workloads AS w (staff_id, open_complaints)
      SELECT d.staff_id, d.delta
        FROM (VALUES (was, -1), (now_owner, 1)) AS d(staff_id, delta)
       WHERE d.staff_id IS NOT NULL
       ORDER BY d.staff_id
    ON CONFLICT (staff_id) DO UPDATE SET open_complaints = w.open_complaints + EXCLUDED.open_complaints;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER complaints_count_workload_on_insert ON complaints;--> statement-breakpoint
DROP TRIGGER complaints_count_workload_on_update ON complaints;--> statement-breakpoint
DROP TRIGGER complaints_count_workload_on_delete ON complaints;--> statement-breakpoint
CREATE TRIGGER complaints_count_workload_on_insert BEFORE INSERT ON complaints
  FOR EACH ROW WHEN (NEW.owner_id IS NOT NULL AND NEW.status <> 'closed') EXECUTE FUNCTION complaints_count_workload();--> statement-breakpoint
CREATE TRIGGER complaints_count_workload_on_update BEFORE UPDATE OF owner_id, status ON complaints
  FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION complaints_count_workload();--> statement-breakpoint
CREATE TRIGGER complaints_count_workload_on_delete BEFORE DELETE ON complaints
  FOR EACH ROW WHEN (OLD.owner_id IS NOT NULL AND OLD.status <> 'closed') EXECUTE FUNCTION complaints_count_workload();
