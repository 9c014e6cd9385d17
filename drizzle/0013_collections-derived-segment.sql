-- The daily run wrote each open case's segment back to the case every day (a second row version per
-- case per run); the case's segment is now read from its latest action, the only place it changes.
-- And the actions' unique index on `key` is implied by the unique (case_id, as_of): the daily run is
-- the only writer and derives the key from the case and the day. Both cut per-row work from the run
-- (npm run bench:daily).
DROP INDEX "collection_actions_key_idx";--> statement-breakpoint
ALTER TABLE "collection_cases" DROP COLUMN "segment_id";
