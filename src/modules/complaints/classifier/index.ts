/**
 * Complaint category and severity suggestions (a handler confirms or corrects them). See ../README.md.
 */
export {
  CATEGORY_LABELS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  SEVERITY_GUIDE,
  isComplaintCategory,
  isComplaintSeverity,
  type ComplaintCategory,
  type ComplaintSeverity,
} from './categories.ts';
export {
  MODEL_KIND,
  MODEL_VERSION,
  detectLanguage,
  retrainWithCorrections,
  suggestComplaint,
  trainComplaintClassifier,
  type ComplaintCorrection,
  type ComplaintLanguage,
  type ComplaintModel,
  type ComplaintSuggestion,
  type LabelledComplaint,
  type TrainOptions,
} from './complaint-classifier.ts';
export { crossValidateComplaintClassifier, evaluateComplaintClassifier, type ClassifierEvaluation } from './evaluate.ts';
export { loadLabelledComplaints, parseLabelledJsonl, LABELLED_COMPLAINTS_URL } from './labelled-data.ts';
export { HELD_OUT_PERCENT, isHeldOut, splitLabelled, textKey } from './split.ts';
