-- delinquency_snapshots is derived: the daily run writes it from the loans it has just read, and
-- loans are never deleted. The foreign key cost a trigger, a lookup and a row lock on a loan per
-- delinquent loan per day (see daily-run.schema.ts).
ALTER TABLE "delinquency_snapshots" DROP CONSTRAINT "delinquency_snapshots_loan_id_loans_id_fk";
