/** Accuracy, per-category precision/recall/F1 and a confusion matrix of a model on labelled examples. */
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES, type ComplaintCategory } from './categories.ts';
import { suggestComplaint, trainComplaintClassifier, type ComplaintModel, type LabelledComplaint, type TrainOptions } from './complaint-classifier.ts';
import { fnv1a32 } from './split.ts';

export type ClassifierEvaluation = {
  examples: number;
  categoryAccuracy: number;
  severityAccuracy: number;
  /** Severity within one step (low↔medium, high↔critical…). */
  severityWithinOne: number;
  perCategory: Record<ComplaintCategory, { precision: number; recall: number; f1: number; support: number }>;
  /** confusion[actual][predicted] counts, in COMPLAINT_CATEGORIES order. */
  confusion: number[][];
  byLanguage: Record<'zh' | 'en', { examples: number; categoryAccuracy: number }>;
  errors: Array<{ text: string; actual: ComplaintCategory; predicted: ComplaintCategory; confidence: number }>;
};

export function evaluateComplaintClassifier(model: ComplaintModel, examples: readonly LabelledComplaint[]): ClassifierEvaluation {
  const k = COMPLAINT_CATEGORIES.length;
  const confusion = COMPLAINT_CATEGORIES.map(() => new Array<number>(k).fill(0));
  let correct = 0;
  let sevCorrect = 0;
  let sevNear = 0;
  const lang = { zh: { examples: 0, correct: 0 }, en: { examples: 0, correct: 0 } };
  const errors: ClassifierEvaluation['errors'] = [];
  for (const e of examples) {
    const s = suggestComplaint(model, e.text);
    const a = COMPLAINT_CATEGORIES.indexOf(e.category);
    const p = COMPLAINT_CATEGORIES.indexOf(s.category);
    confusion[a][p] += 1;
    lang[e.language].examples += 1;
    if (a === p) {
      correct += 1;
      lang[e.language].correct += 1;
    } else errors.push({ text: e.text, actual: e.category, predicted: s.category, confidence: s.categoryConfidence });
    if (s.severity === e.severity) sevCorrect += 1;
    if (Math.abs(COMPLAINT_SEVERITIES.indexOf(s.severity) - COMPLAINT_SEVERITIES.indexOf(e.severity)) <= 1) sevNear += 1;
  }
  const perCategory = {} as ClassifierEvaluation['perCategory'];
  COMPLAINT_CATEGORIES.forEach((c, i) => {
    const tp = confusion[i][i];
    const predicted = confusion.reduce((s, row) => s + row[i], 0);
    const support = confusion[i].reduce((s, x) => s + x, 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    perCategory[c] = { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), support };
  });
  const n = examples.length;
  return {
    examples: n,
    categoryAccuracy: n === 0 ? 0 : correct / n,
    severityAccuracy: n === 0 ? 0 : sevCorrect / n,
    severityWithinOne: n === 0 ? 0 : sevNear / n,
    perCategory,
    confusion,
    byLanguage: {
      zh: { examples: lang.zh.examples, categoryAccuracy: lang.zh.examples ? lang.zh.correct / lang.zh.examples : 0 },
      en: { examples: lang.en.examples, categoryAccuracy: lang.en.examples ? lang.en.correct / lang.en.examples : 0 },
    },
    errors,
  };
}

/**
 * k-fold cross-validation inside the given examples (pass the TRAINING split: this is how settings are
 * chosen without looking at the held-out part). Folds by hash of the text, so they are stable.
 */
export function crossValidateComplaintClassifier(
  examples: readonly LabelledComplaint[],
  folds = 5,
  options: TrainOptions = {},
): { categoryAccuracy: number; severityAccuracy: number; folds: number } {
  let cat = 0;
  let sev = 0;
  for (let f = 0; f < folds; f++) {
    const fold = (e: LabelledComplaint): number => fnv1a32(`fold:${e.text}`) % folds;
    const model = trainComplaintClassifier(examples.filter((e) => fold(e) !== f), options);
    const ev = evaluateComplaintClassifier(model, examples.filter((e) => fold(e) === f));
    cat += ev.categoryAccuracy * ev.examples;
    sev += ev.severityAccuracy * ev.examples;
  }
  return { categoryAccuracy: cat / examples.length, severityAccuracy: sev / examples.length, folds };
}
