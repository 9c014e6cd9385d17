CREATE TABLE "strategy_experiments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"champion_version_id" uuid NOT NULL,
	"challenger_version_id" uuid NOT NULL,
	"challenger_share" double precision NOT NULL,
	"complaint_margin" double precision NOT NULL,
	"opt_out_margin" double precision NOT NULL,
	"min_accounts_per_arm" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"stop_reason" text,
	"guardrail" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" text NOT NULL,
	"stopped_at" timestamp with time zone,
	"stopped_by" text,
	CONSTRAINT "strategy_experiments_status_check" CHECK ("strategy_experiments"."status" IN ('running', 'stopped', 'ended')),
	CONSTRAINT "strategy_experiments_share_check" CHECK ("strategy_experiments"."challenger_share" > 0 AND "strategy_experiments"."challenger_share" < 1),
	CONSTRAINT "strategy_experiments_margins_check" CHECK ("strategy_experiments"."complaint_margin" >= 0 AND "strategy_experiments"."complaint_margin" <= 1 AND "strategy_experiments"."opt_out_margin" >= 0 AND "strategy_experiments"."opt_out_margin" <= 1)
);
--> statement-breakpoint
CREATE TABLE "strategy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"strategy_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"activated_by" text,
	"activated_at" timestamp with time zone,
	"retired_by" text,
	"retired_at" timestamp with time zone,
	CONSTRAINT "strategy_versions_status_check" CHECK ("strategy_versions"."status" IN ('draft', 'active', 'retired'))
);
--> statement-breakpoint
ALTER TABLE "strategy_experiments" ADD CONSTRAINT "strategy_experiments_champion_version_id_strategy_versions_id_fk" FOREIGN KEY ("champion_version_id") REFERENCES "public"."strategy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_experiments" ADD CONSTRAINT "strategy_experiments_challenger_version_id_strategy_versions_id_fk" FOREIGN KEY ("challenger_version_id") REFERENCES "public"."strategy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_experiments_one_running_idx" ON "strategy_experiments" USING btree ("status") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "strategy_experiments_started_idx" ON "strategy_experiments" USING btree ("started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_versions_strategy_version_idx" ON "strategy_versions" USING btree ("strategy_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_versions_one_active_idx" ON "strategy_versions" USING btree ("status") WHERE status = 'active';