/**
 * Complaint classifier evaluation (npm run eval:complaints → tsx scripts/eval-complaints.ts).
 * Trains on the training split of src/modules/complaints/data/complaints-labelled.jsonl and reports on
 * the held-out split (FNV-1a of the text, 20%), which training never sees. Also prints the 5-fold
 * cross-validation accuracy inside the training split, the number the settings were chosen on.
 * Held-out error texts are printed only with --errors.
 */
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES } from '../src/modules/complaints/classifier/categories.ts';
import { trainComplaintClassifier } from '../src/modules/complaints/classifier/complaint-classifier.ts';
import { crossValidateComplaintClassifier, evaluateComplaintClassifier } from '../src/modules/complaints/classifier/evaluate.ts';
import { loadLabelledComplaints } from '../src/modules/complaints/classifier/labelled-data.ts';
import { HELD_OUT_PERCENT, splitLabelled } from '../src/modules/complaints/classifier/split.ts';

const TARGET = 0.8;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const count = <T,>(xs: readonly T[], key: (x: T) => string): Record<string, number> =>
  xs.reduce<Record<string, number>>((m, x) => ((m[key(x)] = (m[key(x)] ?? 0) + 1), m), {});

const all = loadLabelledComplaints();
const { train, heldOut } = splitLabelled(all);
console.log(`Labelled complaints: ${all.length} (${Object.entries(count(all, (e) => e.language)).map(([k, v]) => `${k} ${v}`).join(', ')})`);
console.log(`Split: ${train.length} training, ${heldOut.length} held out (${HELD_OUT_PERCENT}% by FNV-1a of the text)`);
console.log(`Severities: ${COMPLAINT_SEVERITIES.map((s) => `${s} ${count(all, (e) => e.severity)[s] ?? 0}`).join(', ')}`);

const t0 = performance.now();
const model = trainComplaintClassifier(train);
const trainMs = performance.now() - t0;
console.log(`Training: ${trainMs.toFixed(0)} ms (category + severity models); model JSON ${(JSON.stringify(model).length / 1024).toFixed(0)} KiB`);

const cv = crossValidateComplaintClassifier(train, 5);
console.log(`5-fold cross-validation on the training split: category ${pct(cv.categoryAccuracy)}, severity ${pct(cv.severityAccuracy)}`);

const ev = evaluateComplaintClassifier(model, heldOut);
console.log(`\nHeld-out (${ev.examples} examples)`);
console.log(`  category accuracy  ${pct(ev.categoryAccuracy)}   (zh ${pct(ev.byLanguage.zh.categoryAccuracy)} of ${ev.byLanguage.zh.examples}, en ${pct(ev.byLanguage.en.categoryAccuracy)} of ${ev.byLanguage.en.examples})`);
console.log(`  severity accuracy  ${pct(ev.severityAccuracy)}   (within one level ${pct(ev.severityWithinOne)})`);

const width = Math.max(...COMPLAINT_CATEGORIES.map((c) => c.length));
console.log(`\n  ${'category'.padEnd(width)}  precision  recall     f1  support`);
for (const c of COMPLAINT_CATEGORIES) {
  const m = ev.perCategory[c];
  console.log(`  ${c.padEnd(width)}  ${m.precision.toFixed(2).padStart(9)}  ${m.recall.toFixed(2).padStart(6)}  ${m.f1.toFixed(2).padStart(5)}  ${String(m.support).padStart(7)}`);
}

const abbrev = COMPLAINT_CATEGORIES.map((c) => c.split('-').map((w) => w[0]).join('').toUpperCase().slice(0, 4));
console.log(`\n  Confusion matrix (rows: actual, columns: predicted)`);
console.log(`  ${''.padEnd(width)} ${abbrev.map((a) => a.padStart(5)).join('')}`);
COMPLAINT_CATEGORIES.forEach((c, i) => console.log(`  ${c.padEnd(width)} ${ev.confusion[i].map((n) => String(n || '.').padStart(5)).join('')}`));
console.log(`  (${COMPLAINT_CATEGORIES.map((c, i) => `${abbrev[i]} = ${c}`).join(', ')})`);

// The held-out texts are listed only on request (npm run eval:complaints -- --errors): reading them
// while changing features, settings or examples is tuning on the held-out split.
if (ev.errors.length && !process.argv.includes('--errors')) {
  console.log(`\n  Held-out errors: ${ev.errors.length} (listed with --errors; do not tune on them)`);
} else if (ev.errors.length) {
  console.log(`\n  Held-out errors (${ev.errors.length})`);
  for (const e of ev.errors) console.log(`  - ${e.actual} → ${e.predicted} (${e.confidence.toFixed(2)}): ${Array.from(e.text).slice(0, 50).join('')}${Array.from(e.text).length > 50 ? '…' : ''}`);
}

console.log(`\nRESULT complaint_category_accuracy ${ev.categoryAccuracy.toFixed(4)} (target >= ${TARGET})`);
