CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_role" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"diff" jsonb,
	"reason" text,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"content_type" text NOT NULL,
	"claimed_content_type" text,
	"original_file_name" text NOT NULL,
	"kind" text NOT NULL,
	"source" text,
	"captured_at" timestamp with time zone,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"description" text,
	"retention_until" date,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	CONSTRAINT "evidence_items_sha256_hex" CHECK ("evidence_items"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "evidence_items_size_nonnegative" CHECK ("evidence_items"."size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "evidence_links" (
	"evidence_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	"linked_by" text NOT NULL,
	CONSTRAINT "evidence_links_evidence_id_entity_type_entity_id_pk" PRIMARY KEY("evidence_id","entity_type","entity_id")
);
--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","seq");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "evidence_items_sha256_idx" ON "evidence_items" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "evidence_items_retention_idx" ON "evidence_items" USING btree ("retention_until") WHERE "evidence_items"."removed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "evidence_links_entity_idx" ON "evidence_links" USING btree ("entity_type","entity_id");