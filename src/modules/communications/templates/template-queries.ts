import type { SqlExecutor } from '../../../platform/db/client.ts';
import { checkWording, type ContactPurpose } from '../../compliance/context/engine-port.ts';
import { recordVariables } from '../outbox/message-content.ts';
import { renderTemplate, type Language } from './render.ts';
import { loadTemplate, loadVersion, versionText, type TemplateRow, type VersionRow } from './template-store.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const templateJson = (t: TemplateRow, approvedVersion: number | null) => ({
  id: t.id, key: t.key, nameZh: t.name_zh, nameEn: t.name_en, purpose: t.purpose as ContactPurpose, audience: t.audience, system: t.system,
  createdBy: t.created_by, createdAt: iso(t.created_at)!, approvedVersion,
});

const versionJson = (v: VersionRow) => ({
  id: v.id, version: v.version, status: v.status, variables: v.variables, subjectZh: v.subject_zh, bodyZh: v.body_zh, subjectEn: v.subject_en, bodyEn: v.body_en,
  createdBy: v.created_by, createdAt: iso(v.created_at)!, submittedBy: v.submitted_by, submittedAt: iso(v.submitted_at),
  approvedBy: v.approved_by, approvedAt: iso(v.approved_at), retiredBy: v.retired_by, retiredAt: iso(v.retired_at),
});

export async function listTemplates(exec: SqlExecutor) {
  const { rows } = await exec.query<TemplateRow & { approved_version: number | null }>(
    `SELECT t.*, (SELECT max(version) FROM template_versions v WHERE v.template_id = t.id AND v.status = 'approved') AS approved_version
       FROM message_templates t ORDER BY t.key`,
  );
  return rows.map((t) => templateJson(t, t.approved_version === null ? null : Number(t.approved_version)));
}

export async function getTemplate(exec: SqlExecutor, templateId: string) {
  const t = await loadTemplate(exec, templateId);
  const { rows } = await exec.query<VersionRow>(`SELECT * FROM template_versions WHERE template_id = $1 ORDER BY version`, [templateId]);
  const approved = rows.find((v) => v.status === 'approved');
  return { ...templateJson(t, approved ? approved.version : null), versions: rows.map(versionJson) };
}

/**
 * Renders a version (any status: reviewers preview drafts) for a real customer, filling the
 * record variables (name, loan number) and the sample values given, and runs the wording check on
 * the result. Missing variables stay visible as {{name}} and are listed, so a preview never fails.
 */
export async function previewVersion(
  exec: SqlExecutor,
  input: { templateId: string; version: number; customerId: string; debtId?: string | null; language?: Language; variables: Record<string, unknown>; thirdParty: boolean },
) {
  const template = await loadTemplate(exec, input.templateId);
  const v = await loadVersion(exec, input.templateId, input.version);
  const { rows: [c] } = await exec.query<{ preferred_language: Language }>(`SELECT preferred_language FROM customers WHERE id = $1`, [input.customerId]);
  const language = input.language ?? c?.preferred_language ?? 'zh-CN';
  const values = { ...(await recordVariables(exec, input.customerId, input.debtId ?? null, language)), ...input.variables };
  const { rendered, problems } = renderTemplate(versionText(v), language, values, { lenient: true });
  const wording = checkWording([rendered.subject, rendered.body].filter(Boolean).join('\n'), language, {
    thirdParty: input.thirdParty || template.audience === 'third-party',
  });
  return { language, subject: rendered.subject, body: rendered.body, problems, wordingFindings: wording.findings.map((f) => ({ phrase: f.phrase, category: f.category })) };
}
