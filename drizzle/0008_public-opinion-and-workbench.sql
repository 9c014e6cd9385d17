CREATE TABLE "repayment_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"as_of" date NOT NULL,
	"basis_schedule" jsonb NOT NULL,
	"new_schedule" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"requires_approval" boolean NOT NULL,
	"status" text NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"offered_at" timestamp with time zone,
	"expires_on" date NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"pdf_evidence_id" uuid,
	"reference_number" text NOT NULL,
	CONSTRAINT "repayment_agreements_reference_number_unique" UNIQUE("reference_number"),
	CONSTRAINT "repayment_agreements_status_check" CHECK ("repayment_agreements"."status" IN ('proposed', 'approved', 'offered', 'confirmed', 'declined', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "collection_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"willingness" text,
	"hardship_reason" text,
	"note" text,
	"callback_at" timestamp with time zone,
	"contact_attempt_id" uuid,
	"promise_id" uuid,
	"hold_id" uuid,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_opinion_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"negative_count" integer NOT NULL,
	"baseline" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid
);
--> statement-breakpoint
CREATE TABLE "public_opinion_mentions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"text" text NOT NULL,
	"link" text,
	"author" text,
	"sentiment_score" double precision NOT NULL,
	"sentiment_label" text NOT NULL,
	"customer_id" uuid,
	"loan_id" uuid,
	"match_reason" text,
	"status" text DEFAULT 'new' NOT NULL,
	"complaint_id" uuid,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "public_opinion_mentions_score_range" CHECK ("public_opinion_mentions"."sentiment_score" >= -1 AND "public_opinion_mentions"."sentiment_score" <= 1)
);
--> statement-breakpoint
ALTER TABLE "repayment_agreements" ADD CONSTRAINT "repayment_agreements_case_id_collection_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."collection_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_agreements" ADD CONSTRAINT "repayment_agreements_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_agreements" ADD CONSTRAINT "repayment_agreements_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_outcomes" ADD CONSTRAINT "collection_outcomes_case_id_collection_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."collection_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_outcomes" ADD CONSTRAINT "collection_outcomes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_opinion_alerts" ADD CONSTRAINT "public_opinion_alerts_acknowledged_by_staff_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_opinion_mentions" ADD CONSTRAINT "public_opinion_mentions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_opinion_mentions" ADD CONSTRAINT "public_opinion_mentions_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_opinion_mentions" ADD CONSTRAINT "public_opinion_mentions_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_opinion_mentions" ADD CONSTRAINT "public_opinion_mentions_reviewed_by_staff_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repayment_agreements_case_idx" ON "repayment_agreements" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "repayment_agreements_customer_idx" ON "repayment_agreements" USING btree ("customer_id","status");--> statement-breakpoint
CREATE INDEX "collection_outcomes_case_idx" ON "collection_outcomes" USING btree ("case_id","recorded_at");--> statement-breakpoint
CREATE INDEX "public_opinion_alerts_created_idx" ON "public_opinion_alerts" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "public_opinion_mentions_source_external_key" ON "public_opinion_mentions" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "public_opinion_mentions_published_idx" ON "public_opinion_mentions" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "public_opinion_mentions_customer_idx" ON "public_opinion_mentions" USING btree ("customer_id");