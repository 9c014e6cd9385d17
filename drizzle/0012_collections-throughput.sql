-- Composite foreign keys (a row naming a case or loan together with its loan and customer cannot
-- disagree with it, and each check locks one referenced row instead of two or three); the unique
-- indexes they reference come first.
CREATE UNIQUE INDEX "loans_id_customer_idx" ON "loans" USING btree ("id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collection_cases_case_loan_customer_idx" ON "collection_cases" USING btree ("id","loan_id","customer_id");--> statement-breakpoint
ALTER TABLE "collection_actions" DROP CONSTRAINT "collection_actions_case_id_collection_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "collection_actions" DROP CONSTRAINT "collection_actions_loan_id_loans_id_fk";
--> statement-breakpoint
ALTER TABLE "collection_actions" DROP CONSTRAINT "collection_actions_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "collection_cases" DROP CONSTRAINT "collection_cases_loan_id_loans_id_fk";
--> statement-breakpoint
ALTER TABLE "collection_cases" DROP CONSTRAINT "collection_cases_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "collection_actions" ADD CONSTRAINT "collection_actions_case_loan_customer_fk" FOREIGN KEY ("case_id","loan_id","customer_id") REFERENCES "public"."collection_cases"("id","loan_id","customer_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_cases" ADD CONSTRAINT "collection_cases_loan_customer_fk" FOREIGN KEY ("loan_id","customer_id") REFERENCES "public"."loans"("id","customer_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written (drizzle-kit does not model storage parameters): every open case is updated by each
-- daily run (DPD, bucket, segment); free space on its page lets that be a HOT update, with no new
-- index entries.
ALTER TABLE "collection_cases" SET (fillfactor = 80);
