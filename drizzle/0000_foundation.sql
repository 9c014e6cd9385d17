CREATE TABLE "branches" (
	"id" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"jurisdiction_profile" text DEFAULT 'cn-mainland' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_code" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"branch_id" text,
	"team" text,
	"email" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_users_employee_code_unique" UNIQUE("employee_code")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"evidence_ref" text,
	"source" text DEFAULT 'core-banking' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"label" text,
	"relationship" text DEFAULT 'self' NOT NULL,
	"third_party_name" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT 'core-banking' NOT NULL,
	"last_verified_at" timestamp with time zone,
	"marked_wrong_at" timestamp with time zone,
	"marked_wrong_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_points_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "contact_points_third_party_named" CHECK ("contact_points"."relationship" = 'self' OR "contact_points"."third_party_name" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "contact_preferences" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"quiet_hours_start" text,
	"quiet_hours_end" text,
	"preferred_channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"visit_opt_out" boolean DEFAULT false NOT NULL,
	"visit_opt_out_reason" text,
	"visit_opt_out_note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"id_number_ciphertext" text,
	"id_number_hash" text,
	"id_number_masked" text,
	"birth_date" date,
	"gender" text,
	"occupation" text,
	"credit_code" text,
	"industry" text,
	"legal_representative" text,
	"branch_id" text NOT NULL,
	"relationship_manager_id" uuid,
	"risk_tier" text DEFAULT 'medium' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"preferred_language" text DEFAULT 'zh-CN' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "customers_identity_by_type" CHECK (("customers"."type" = 'individual' AND "customers"."id_number_hash" IS NOT NULL) OR ("customers"."type" = 'enterprise' AND "customers"."credit_code" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"module" text NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text,
	"summary_zh" text NOT NULL,
	"summary_en" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "credit_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"limit_fen" bigint NOT NULL,
	"suspended" boolean DEFAULT false NOT NULL,
	"suspended_at" timestamp with time zone,
	"suspended_reason" text,
	"expires_on" date,
	CONSTRAINT "credit_lines_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "credit_lines_limit_nonneg" CHECK ("credit_lines"."limit_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "instalments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"due_date" date NOT NULL,
	"principal_fen" bigint NOT NULL,
	"interest_fen" bigint NOT NULL,
	"fee_fen" bigint DEFAULT 0 NOT NULL,
	"paid_principal_fen" bigint DEFAULT 0 NOT NULL,
	"paid_interest_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fee_fen" bigint DEFAULT 0 NOT NULL,
	"fully_paid_on" date,
	CONSTRAINT "instalments_amounts_nonneg" CHECK ("instalments"."principal_fen" >= 0 AND "instalments"."interest_fen" >= 0 AND "instalments"."fee_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"product" text NOT NULL,
	"principal_fen" bigint NOT NULL,
	"annual_rate_bps" integer NOT NULL,
	"term_months" integer NOT NULL,
	"disbursement_date" date NOT NULL,
	"branch_id" text NOT NULL,
	"officer_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"credit_line_id" uuid,
	"credit_balance_fen" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loans_loan_number_unique" UNIQUE("loan_number"),
	CONSTRAINT "loans_principal_positive" CHECK ("loans"."principal_fen" > 0),
	CONSTRAINT "loans_rate_range" CHECK ("loans"."annual_rate_bps" >= 0 AND "loans"."annual_rate_bps" <= 10000),
	CONSTRAINT "loans_term_range" CHECK ("loans"."term_months" BETWEEN 1 AND 600)
);
--> statement-breakpoint
CREATE TABLE "repayment_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"repayment_id" uuid NOT NULL,
	"instalment_id" uuid NOT NULL,
	"component" text NOT NULL,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repayments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text NOT NULL,
	"loan_id" uuid NOT NULL,
	"value_date" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"channel" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repayments_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "repayments_amount_positive" CHECK ("repayments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "import_rejections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"column" text,
	"reason" text NOT NULL,
	"raw_value" text
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text,
	"encoding" text,
	"status" text DEFAULT 'running' NOT NULL,
	"read_rows" integer DEFAULT 0 NOT NULL,
	"inserted_rows" integer DEFAULT 0 NOT NULL,
	"updated_rows" integer DEFAULT 0 NOT NULL,
	"unchanged_rows" integer DEFAULT 0 NOT NULL,
	"rejected_rows" integer DEFAULT 0 NOT NULL,
	"failure_message" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_preferences" ADD CONSTRAINT "contact_preferences_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_relationship_manager_id_staff_users_id_fk" FOREIGN KEY ("relationship_manager_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instalments" ADD CONSTRAINT "instalments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_officer_id_staff_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_credit_line_id_credit_lines_id_fk" FOREIGN KEY ("credit_line_id") REFERENCES "public"."credit_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_allocations" ADD CONSTRAINT "repayment_allocations_repayment_id_repayments_id_fk" FOREIGN KEY ("repayment_id") REFERENCES "public"."repayments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_allocations" ADD CONSTRAINT "repayment_allocations_instalment_id_instalments_id_fk" FOREIGN KEY ("instalment_id") REFERENCES "public"."instalments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rejections" ADD CONSTRAINT "import_rejections_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_users_branch_idx" ON "staff_users" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "consents_customer_idx" ON "consents" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "contact_points_customer_idx" ON "contact_points" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "contact_points_value_idx" ON "contact_points" USING btree ("value");--> statement-breakpoint
CREATE INDEX "customers_id_number_hash_idx" ON "customers" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_credit_code_idx" ON "customers" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("name");--> statement-breakpoint
CREATE INDEX "customers_branch_idx" ON "customers" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "customers_rm_idx" ON "customers" USING btree ("relationship_manager_id");--> statement-breakpoint
CREATE INDEX "timeline_events_customer_idx" ON "timeline_events" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "credit_lines_customer_idx" ON "credit_lines" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "instalments_loan_sequence_idx" ON "instalments" USING btree ("loan_id","sequence");--> statement-breakpoint
CREATE INDEX "loans_customer_idx" ON "loans" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "loans_branch_idx" ON "loans" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "repayment_allocations_repayment_idx" ON "repayment_allocations" USING btree ("repayment_id");--> statement-breakpoint
CREATE INDEX "repayment_allocations_instalment_idx" ON "repayment_allocations" USING btree ("instalment_id");--> statement-breakpoint
CREATE INDEX "repayments_loan_idx" ON "repayments" USING btree ("loan_id","value_date");--> statement-breakpoint
CREATE INDEX "import_rejections_run_idx" ON "import_rejections" USING btree ("run_id","line");