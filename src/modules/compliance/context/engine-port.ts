/**
 * The one place this folder and the communications hub import the pure compliance engine from
 * (src/modules/compliance/, owned by the engine's author). Keeping the imports here means a rename
 * over there is a one-line change here.
 */
export { evaluateContact } from '../engine.ts';
export { policyForProfile } from '../policies.ts';
export { checkWording } from '../wording/index.ts';
export type * from '../compliance.types.ts';
