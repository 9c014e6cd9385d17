/**
 * Champion / challenger split (冠军/挑战者策略). Each account gets a point u in [0, 1) from
 * SHA-256 of the experiment id and the account id; it is in the challenger arm when u < share.
 *  - Stable: no state, no clock, no randomness — the same account always lands in the same arm of
 *    the same experiment, on any server, in any year.
 *  - Uniform: u is the first 52 bits of the digest divided by 2^52 (exact in a double), so the
 *    challenger arm is `share` of the accounts up to sampling noise.
 *  - Fewest moves when the share changes: u does not depend on the share, so raising it from s1 to s2
 *    moves exactly the accounts with s1 ≤ u < s2 from champion to challenger (a fraction s2 − s1,
 *    the least any split can move) and none back; lowering it is the mirror image.
 *  - Independent experiments: the id is part of the hash, so one experiment's challengers are not
 *    another's. Hashing JSON.stringify([experimentId, accountId]) keeps ("ab","c") and ("a","bc") apart.
 * Record the arm an account was treated under; measure on the recorded arm, not a recomputed one,
 * since the share may have changed since.
 */
import { createHash } from 'node:crypto';

export type Arm = 'champion' | 'challenger';
export interface Experiment {
  id: string;
  /** Fraction of accounts in the challenger arm, 0–1. */
  challengerShare: number;
}

const TWO_POW_52 = 2 ** 52;

/** The account's fixed point in [0, 1) for this experiment. */
export function splitPoint(experimentId: string, accountId: string): number {
  const hex = createHash('sha256').update(JSON.stringify([experimentId, accountId]), 'utf8').digest('hex');
  return Number.parseInt(hex.slice(0, 13), 16) / TWO_POW_52;
}

export function armFor(accountId: string, experiment: Experiment): Arm {
  if (typeof accountId !== 'string' || accountId === '') throw new RangeError('accountId must be a non-empty string');
  if (typeof experiment.id !== 'string' || experiment.id === '') throw new RangeError('experiment.id must be a non-empty string');
  const share = experiment.challengerShare;
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new RangeError(`challengerShare must be between 0 and 1: ${share}`);
  return splitPoint(experiment.id, accountId) < share ? 'challenger' : 'champion';
}
