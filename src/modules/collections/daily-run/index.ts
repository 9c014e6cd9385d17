/** The daily delinquency run (issue 5): snapshots, cases, promises, the day's actions. See ./README.md. */
export {
  runDailyCollections, DAILY_RUN_AUDIT_ACTION, DEFAULT_BATCH_SIZE,
  type DailyRunDeps, type DailyRunOptions, type DailyRunSummary, type DailyRunCounts, type DailyRunProgress, type DailyRunPhase, type ChampionChallenger,
} from './run-daily-collections.ts';
export { collectionRuns, delinquencySnapshots, COLLECTION_RUN_STATUSES, type CollectionRunStatus } from './daily-run.schema.ts';
