CREATE TABLE "legal_referral_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference_number" text NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"action_id" uuid,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"contents" jsonb NOT NULL,
	"note" text,
	"pdf_evidence_id" uuid,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	CONSTRAINT "legal_referral_packages_reference_number_unique" UNIQUE("reference_number"),
	CONSTRAINT "legal_referral_packages_status_check" CHECK ("legal_referral_packages"."status" IN ('proposed', 'approved', 'rejected')),
	CONSTRAINT "legal_referral_packages_kind_check" CHECK ("legal_referral_packages"."kind" IN ('legal', 'external-agency'))
);
--> statement-breakpoint
ALTER TABLE "legal_referral_packages" ADD CONSTRAINT "legal_referral_packages_case_id_collection_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."collection_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_referral_packages" ADD CONSTRAINT "legal_referral_packages_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_referral_packages" ADD CONSTRAINT "legal_referral_packages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_referral_packages" ADD CONSTRAINT "legal_referral_packages_action_id_collection_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."collection_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legal_referral_packages_case_idx" ON "legal_referral_packages" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "legal_referral_packages_status_idx" ON "legal_referral_packages" USING btree ("status","proposed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_referral_packages_one_proposed_idx" ON "legal_referral_packages" USING btree ("case_id") WHERE status = 'proposed';