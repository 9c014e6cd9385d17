-- A collection action's (case_id, loan_id, customer_id) must be a case's (id, loan_id, customer_id).
-- Until now a composite foreign key held it, through a unique index on the three case columns. The
-- key ran one RI query per action and locked the case row (FOR KEY SHARE, a heap write and a WAL
-- record per row): 80,000 of each on a day of npm run bench:daily. The same rule, kept as migration
-- 0017 keeps a case's loan:
--   * new actions: one query per INSERT statement over its new rows (a transition table);
--   * an action's case, loan or customer changed (never done by the application): checked per row;
--   * cases: a delete, or a change of id, loan or customer, is refused while an action names the
--     case. It first takes a SHARE lock on collection_actions, which waits for transactions
--     inserting actions and holds off new ones, so an action being inserted concurrently is seen
--     (what the foreign key's row lock did). Cases are never deleted by the application.
-- The check finds the case by its primary key, so the three-column unique index goes.
ALTER TABLE "collection_actions" DROP CONSTRAINT "collection_actions_case_loan_customer_fk";
--> statement-breakpoint
DROP INDEX "collection_cases_case_loan_customer_idx";--> statement-breakpoint
CREATE FUNCTION collection_actions_check_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orphan record;
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    SELECT n.case_id, n.loan_id, n.customer_id INTO orphan FROM new_actions n
     WHERE NOT EXISTS (SELECT 1 FROM collection_cases c WHERE c.id = n.case_id AND c.loan_id = n.loan_id AND c.customer_id = n.customer_id)
     LIMIT 1;
  ELSE
    SELECT NEW.case_id, NEW.loan_id, NEW.customer_id INTO orphan
     WHERE NOT EXISTS (SELECT 1 FROM collection_cases c WHERE c.id = NEW.case_id AND c.loan_id = NEW.loan_id AND c.customer_id = NEW.customer_id);
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'collection action names case % of loan % and customer %, which is not such a case', orphan.case_id, orphan.loan_id, orphan.customer_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'collection_actions_case_check', TABLE = 'collection_actions';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER collection_actions_case_on_insert AFTER INSERT ON collection_actions
  REFERENCING NEW TABLE AS new_actions FOR EACH STATEMENT EXECUTE FUNCTION collection_actions_check_cases();--> statement-breakpoint
CREATE TRIGGER collection_actions_case_on_update AFTER UPDATE OF case_id, loan_id, customer_id ON collection_actions
  FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.loan_id IS DISTINCT FROM NEW.loan_id OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION collection_actions_check_cases();--> statement-breakpoint
CREATE FUNCTION collection_cases_keep_actions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE collection_actions IN SHARE MODE;
  IF EXISTS (SELECT 1 FROM collection_actions a WHERE a.case_id = OLD.id) THEN
    RAISE EXCEPTION 'collection case % has actions: it cannot be deleted or given another id, loan or customer', OLD.id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'collection_actions_case_check', TABLE = 'collection_cases';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER collection_cases_keep_actions_on_delete BEFORE DELETE ON collection_cases
  FOR EACH ROW EXECUTE FUNCTION collection_cases_keep_actions();--> statement-breakpoint
CREATE TRIGGER collection_cases_keep_actions_on_update BEFORE UPDATE OF id, loan_id, customer_id ON collection_cases
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.loan_id IS DISTINCT FROM NEW.loan_id OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION collection_cases_keep_actions();
