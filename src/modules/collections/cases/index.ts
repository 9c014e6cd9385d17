/** Collection cases, their actions and promises to pay (tables + the promise rules). See ../daily-run for the run that drives them. */
export { collectionCases, collectionActions, promisesToPay, ACTION_KINDS, ACTION_STATUSES, type ActionKind, type ActionStatus } from './cases.schema.ts';
export { recordPromiseToPay, markPromises, type RecordPromiseInput } from './promises.ts';
