export { WORDING_CATEGORIES, checkWording } from './check-wording.ts';
export { normaliseChinese, normaliseEnglish } from './normalise.ts';
