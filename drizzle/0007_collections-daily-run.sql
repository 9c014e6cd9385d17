CREATE TABLE "collection_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"as_of" date NOT NULL,
	"strategy_id" text NOT NULL,
	"strategy_version" integer NOT NULL,
	"status" text NOT NULL,
	"executions" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"delinquent_loans" integer DEFAULT 0 NOT NULL,
	"cases_opened" integer DEFAULT 0 NOT NULL,
	"cases_closed" integer DEFAULT 0 NOT NULL,
	"promises_kept" integer DEFAULT 0 NOT NULL,
	"promises_broken" integer DEFAULT 0 NOT NULL,
	"cases_evaluated" integer DEFAULT 0 NOT NULL,
	"actions_created" integer DEFAULT 0 NOT NULL,
	"messages_queued" integer DEFAULT 0 NOT NULL,
	"messages_blocked" integer DEFAULT 0 NOT NULL,
	"batches" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "collection_runs_status_check" CHECK ("collection_runs"."status" IN ('running', 'completed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "delinquency_snapshots" (
	"loan_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"dpd" integer NOT NULL,
	"bucket" text NOT NULL,
	"overdue_fen" bigint NOT NULL,
	CONSTRAINT "delinquency_snapshots_loan_id_as_of_pk" PRIMARY KEY("loan_id","as_of")
);
--> statement-breakpoint
CREATE TABLE "collection_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"run_id" uuid,
	"as_of" date NOT NULL,
	"strategy_id" text NOT NULL,
	"strategy_version" integer NOT NULL,
	"arm" text NOT NULL,
	"segment_id" text NOT NULL,
	"step_index" integer NOT NULL,
	"kind" text NOT NULL,
	"channel" text,
	"template_key" text,
	"status" text NOT NULL,
	"status_reason" text,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"outbox_message_id" uuid,
	"denial_id" uuid,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"trigger" text NOT NULL,
	"reason" text NOT NULL,
	"dpd" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"close_reason" text,
	"arm" text NOT NULL,
	"segment_id" text,
	"dpd" integer NOT NULL,
	"bucket" text NOT NULL,
	"willingness" text DEFAULT 'unknown' NOT NULL,
	"updated_on" date NOT NULL,
	CONSTRAINT "collection_cases_status_check" CHECK ("collection_cases"."status" IN ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "promises_to_pay" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"promised_on" date NOT NULL,
	"due_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_on" date,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promises_to_pay_amount_positive" CHECK ("promises_to_pay"."amount_fen" > 0),
	CONSTRAINT "promises_to_pay_dates" CHECK ("promises_to_pay"."due_on" >= "promises_to_pay"."promised_on")
);
--> statement-breakpoint
ALTER TABLE "delinquency_snapshots" ADD CONSTRAINT "delinquency_snapshots_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_actions" ADD CONSTRAINT "collection_actions_case_id_collection_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."collection_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_actions" ADD CONSTRAINT "collection_actions_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_actions" ADD CONSTRAINT "collection_actions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_cases" ADD CONSTRAINT "collection_cases_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_cases" ADD CONSTRAINT "collection_cases_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_case_id_collection_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."collection_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "collection_runs_as_of_strategy_idx" ON "collection_runs" USING btree ("as_of","strategy_id","strategy_version");--> statement-breakpoint
CREATE INDEX "delinquency_snapshots_as_of_idx" ON "delinquency_snapshots" USING btree ("as_of","bucket");--> statement-breakpoint
CREATE UNIQUE INDEX "collection_actions_case_day_idx" ON "collection_actions" USING btree ("case_id","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "collection_actions_key_idx" ON "collection_actions" USING btree ("key");--> statement-breakpoint
CREATE INDEX "collection_actions_as_of_idx" ON "collection_actions" USING btree ("as_of","status");--> statement-breakpoint
CREATE UNIQUE INDEX "collection_cases_one_open_per_loan_idx" ON "collection_cases" USING btree ("loan_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "collection_cases_customer_idx" ON "collection_cases" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "collection_cases_status_idx" ON "collection_cases" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "promises_to_pay_case_idx" ON "promises_to_pay" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "promises_to_pay_open_idx" ON "promises_to_pay" USING btree ("status","due_on");