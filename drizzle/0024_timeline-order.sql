-- Timeline entries written at the same instant (a complaint, its acknowledgement and its contact
-- hold share one `now`) had no defined order. `seq` numbers entries as they are written; the
-- timeline reads newest first by (occurred_at, seq). Added without a default and given one after,
-- so existing rows keep NULL and the table is not rewritten: a volatile default on ADD COLUMN would
-- rewrite every row of a table that grows with every contact.
CREATE SEQUENCE IF NOT EXISTS "timeline_events_seq";--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "timeline_events" ALTER COLUMN "seq" SET DEFAULT nextval('timeline_events_seq');--> statement-breakpoint
ALTER SEQUENCE "timeline_events_seq" OWNED BY "timeline_events"."seq";
