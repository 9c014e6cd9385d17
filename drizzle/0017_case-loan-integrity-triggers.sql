-- A collection case's (loan_id, customer_id) must be a loan's (id, customer_id). Until now a foreign
-- key held it; a foreign key locks the referenced loan row for every case it checks, and on the
-- daily run's first day of a delinquency each lock wrote a full-page image of a loans page after
-- every checkpoint (110 MB of WAL and about 1 s at 1,000,000 loans, npm run bench:daily). The same
-- rule, kept by triggers:
--   * new cases: one query per INSERT statement over its new rows (a transition table);
--   * a case's loan or customer changed (never done by the application): checked per row;
--   * loans: a delete, or a change of id or customer, is refused while a case names the loan. It first
--     takes a SHARE lock on collection_cases, which waits for transactions inserting cases and holds
--     off new ones, so a case being inserted concurrently is seen (what the foreign key's row lock
--     did). Loans are never deleted by the application; this is the guard for anyone who tries.
ALTER TABLE "collection_cases" DROP CONSTRAINT "collection_cases_loan_customer_fk";--> statement-breakpoint
-- One check for both triggers: the statement's new cases (INSERT, transition table) or the changed row (UPDATE).
CREATE FUNCTION collection_cases_check_loans() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orphan record;
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    SELECT n.loan_id, n.customer_id INTO orphan FROM new_cases n
     WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.id = n.loan_id AND l.customer_id = n.customer_id)
     LIMIT 1;
  ELSE
    SELECT NEW.loan_id, NEW.customer_id INTO orphan
     WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.id = NEW.loan_id AND l.customer_id = NEW.customer_id);
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'collection case names loan % of customer %, which is not a loan of that customer', orphan.loan_id, orphan.customer_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'collection_cases_loan_customer_check', TABLE = 'collection_cases';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER collection_cases_loan_on_insert AFTER INSERT ON collection_cases
  REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION collection_cases_check_loans();--> statement-breakpoint
CREATE TRIGGER collection_cases_loan_on_update AFTER UPDATE OF loan_id, customer_id ON collection_cases
  FOR EACH ROW WHEN (OLD.loan_id IS DISTINCT FROM NEW.loan_id OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION collection_cases_check_loans();--> statement-breakpoint
CREATE FUNCTION loans_keep_collection_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE collection_cases IN SHARE MODE;
  IF EXISTS (SELECT 1 FROM collection_cases c WHERE c.loan_id = OLD.id AND c.customer_id = OLD.customer_id) THEN
    RAISE EXCEPTION 'loan % has collection cases: it cannot be deleted or given another id or customer', OLD.id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'collection_cases_loan_customer_check', TABLE = 'loans';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER loans_keep_collection_cases_on_delete BEFORE DELETE ON loans
  FOR EACH ROW EXECUTE FUNCTION loans_keep_collection_cases();--> statement-breakpoint
CREATE TRIGGER loans_keep_collection_cases_on_update BEFORE UPDATE OF id, customer_id ON loans
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
  EXECUTE FUNCTION loans_keep_collection_cases();
