CREATE TABLE "complaint_deadline_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"notified" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body_zh" text,
	"body_en" text,
	"link" text,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"email_status" text,
	"emailed_at" timestamp with time zone,
	"email_error" text
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "response_letter_evidence_id" uuid;--> statement-breakpoint
ALTER TABLE "complaint_deadline_alerts" ADD CONSTRAINT "complaint_deadline_alerts_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_notifications" ADD CONSTRAINT "staff_notifications_recipient_id_staff_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_deadline_alerts_key" ON "complaint_deadline_alerts" USING btree ("complaint_id","clock","kind","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_notifications_dedupe_key" ON "staff_notifications" USING btree ("recipient_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "staff_notifications_recipient_idx" ON "staff_notifications" USING btree ("recipient_id","read_at","created_at");