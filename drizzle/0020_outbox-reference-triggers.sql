-- An outbox message's customer, contact point, loan (debt_id) and template version must exist.
-- Until now four foreign keys held it. Each ran a query per message and locked the parent row, and
-- right after a checkpoint the first lock on a page wrote a full 8 KB image of it to the WAL: for
-- every reminder the daily run queues, a page of customers, of contact_points and of loans (about
-- 125 MB of WAL and 0.35 s of PostgreSQL CPU per 6,334 reminders, npm run bench:daily). The same
-- rule, kept as migrations 0017 and 0018 keep the collections references:
--   * new messages: one query per INSERT statement over its new rows (a transition table);
--   * a message's references changed (never done by the application): checked per row;
--   * the four parent tables: a delete, or a change of id, is refused while a message names the
--     row. The guard first takes a SHARE lock on outbox_messages, which waits for transactions
--     inserting messages and holds off new ones, so a message being inserted concurrently is seen
--     (what the foreign key's row lock did). The application deletes none of these rows.
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_contact_point_id_contact_points_id_fk";
--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_debt_id_loans_id_fk";
--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_template_version_id_template_versions_id_fk";--> statement-breakpoint
CREATE FUNCTION outbox_messages_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  -- The first missing reference of the statement's new messages (INSERT) or of the changed row (UPDATE).
  IF TG_LEVEL = 'STATEMENT' THEN
    SELECT m.what INTO missing FROM (
      SELECT CASE
               WHEN NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = n.customer_id) THEN 'customer ' || n.customer_id
               WHEN n.contact_point_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contact_points p WHERE p.id = n.contact_point_id) THEN 'contact point ' || n.contact_point_id
               WHEN n.debt_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.id = n.debt_id) THEN 'loan ' || n.debt_id
               WHEN n.template_version_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM template_versions v WHERE v.id = n.template_version_id) THEN 'template version ' || n.template_version_id
             END AS what
        FROM new_messages n) m
     WHERE m.what IS NOT NULL
     LIMIT 1;
  ELSE
    SELECT CASE
             WHEN NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = NEW.customer_id) THEN 'customer ' || NEW.customer_id
             WHEN NEW.contact_point_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contact_points p WHERE p.id = NEW.contact_point_id) THEN 'contact point ' || NEW.contact_point_id
             WHEN NEW.debt_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.id = NEW.debt_id) THEN 'loan ' || NEW.debt_id
             WHEN NEW.template_version_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM template_versions v WHERE v.id = NEW.template_version_id) THEN 'template version ' || NEW.template_version_id
           END INTO missing;
  END IF;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'outbox message names % which does not exist', missing
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'outbox_messages_references_check', TABLE = 'outbox_messages';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER outbox_messages_references_on_insert AFTER INSERT ON outbox_messages
  REFERENCING NEW TABLE AS new_messages FOR EACH STATEMENT EXECUTE FUNCTION outbox_messages_check_references();--> statement-breakpoint
CREATE TRIGGER outbox_messages_references_on_update AFTER UPDATE OF customer_id, contact_point_id, debt_id, template_version_id ON outbox_messages
  FOR EACH ROW WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.contact_point_id IS DISTINCT FROM NEW.contact_point_id
                     OR OLD.debt_id IS DISTINCT FROM NEW.debt_id OR OLD.template_version_id IS DISTINCT FROM NEW.template_version_id)
  EXECUTE FUNCTION outbox_messages_check_references();--> statement-breakpoint
CREATE FUNCTION outbox_messages_keep_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  named boolean;
BEGIN
  LOCK TABLE outbox_messages IN SHARE MODE;
  named := CASE TG_TABLE_NAME
    WHEN 'customers' THEN EXISTS (SELECT 1 FROM outbox_messages m WHERE m.customer_id = OLD.id)
    WHEN 'contact_points' THEN EXISTS (SELECT 1 FROM outbox_messages m WHERE m.contact_point_id = OLD.id)
    WHEN 'loans' THEN EXISTS (SELECT 1 FROM outbox_messages m WHERE m.debt_id = OLD.id)
    WHEN 'template_versions' THEN EXISTS (SELECT 1 FROM outbox_messages m WHERE m.template_version_id = OLD.id)
  END;
  IF named THEN
    RAISE EXCEPTION '% row % has outbox messages: it cannot be deleted or given another id', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'outbox_messages_references_check', TABLE = TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER customers_keep_outbox_messages_on_delete BEFORE DELETE ON customers
  FOR EACH ROW EXECUTE FUNCTION outbox_messages_keep_references();--> statement-breakpoint
CREATE TRIGGER customers_keep_outbox_messages_on_update BEFORE UPDATE OF id ON customers
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION outbox_messages_keep_references();--> statement-breakpoint
CREATE TRIGGER contact_points_keep_outbox_messages_on_delete BEFORE DELETE ON contact_points
  FOR EACH ROW EXECUTE FUNCTION outbox_messages_keep_references();--> statement-breakpoint
CREATE TRIGGER contact_points_keep_outbox_messages_on_update BEFORE UPDATE OF id ON contact_points
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION outbox_messages_keep_references();--> statement-breakpoint
CREATE TRIGGER loans_keep_outbox_messages_on_delete BEFORE DELETE ON loans
  FOR EACH ROW EXECUTE FUNCTION outbox_messages_keep_references();--> statement-breakpoint
CREATE TRIGGER loans_keep_outbox_messages_on_update BEFORE UPDATE OF id ON loans
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION outbox_messages_keep_references();--> statement-breakpoint
CREATE TRIGGER template_versions_keep_outbox_messages_on_delete BEFORE DELETE ON template_versions
  FOR EACH ROW EXECUTE FUNCTION outbox_messages_keep_references();--> statement-breakpoint
CREATE TRIGGER template_versions_keep_outbox_messages_on_update BEFORE UPDATE OF id ON template_versions
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION outbox_messages_keep_references();
