CREATE TABLE "complaint_classification_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"text" text NOT NULL,
	"suggested_category" text,
	"suggested_severity" text,
	"confirmed_category" text NOT NULL,
	"confirmed_severity" text NOT NULL,
	"suggestion_confidence" real,
	"corrected" boolean NOT NULL,
	"model_version" text,
	"confirmed_by" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_loans" (
	"complaint_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	CONSTRAINT "complaint_loans_complaint_id_loan_id_pk" PRIMARY KEY("complaint_id","loan_id")
);
--> statement-breakpoint
CREATE TABLE "complaint_reference_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference_number" text NOT NULL,
	"customer_id" uuid,
	"channel" text NOT NULL,
	"regulator_reference" text,
	"regulator_deadline" date,
	"received_at" timestamp with time zone NOT NULL,
	"category" text,
	"severity" text,
	"suggestion" jsonb,
	"classification_confirmed_at" timestamp with time zone,
	"product" text,
	"status" text NOT NULL,
	"owner_id" uuid,
	"description" text NOT NULL,
	"complainant_email" text,
	"source_message_id" text,
	"related_complaint_id" uuid,
	"merged_into_id" uuid,
	"fraud_flagged_at" timestamp with time zone,
	"possible_duplicate_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"acknowledgement_message_id" uuid,
	"acknowledgement_status" text,
	"outcome" text,
	"remedies" jsonb,
	"decided_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaints_reference_format" CHECK ("complaints"."reference_number" ~ '^TS-[0-9]{4}-[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "satisfaction_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"customer_id" uuid,
	"token" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"score" integer,
	"comment" text
);
--> statement-breakpoint
ALTER TABLE "complaint_classification_corrections" ADD CONSTRAINT "complaint_classification_corrections_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_loans" ADD CONSTRAINT "complaint_loans_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_loans" ADD CONSTRAINT "complaint_loans_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_owner_id_staff_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_surveys" ADD CONSTRAINT "satisfaction_surveys_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_classification_corrections_complaint_idx" ON "complaint_classification_corrections" USING btree ("complaint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_events_seq_key" ON "complaint_events" USING btree ("complaint_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_reference_number_key" ON "complaints" USING btree ("reference_number");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_source_message_id_key" ON "complaints" USING btree ("source_message_id");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status");--> statement-breakpoint
CREATE INDEX "complaints_owner_idx" ON "complaints" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_surveys_token_key" ON "satisfaction_surveys" USING btree ("token");--> statement-breakpoint
CREATE INDEX "satisfaction_surveys_complaint_idx" ON "satisfaction_surveys" USING btree ("complaint_id");