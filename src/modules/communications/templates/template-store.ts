import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError, notFound } from '../../../platform/errors/domain-error.ts';
import { checkWording } from '../../compliance/context/engine-port.ts';
import { declarationProblems, type TemplateText } from './render.ts';
import type { TemplateStatus, TemplateVariable } from './templates.schema.ts';

export type VersionInput = TemplateText;
export type TemplateRow = { id: string; key: string; name_zh: string; name_en: string; purpose: string; audience: 'debtor' | 'third-party'; system: boolean; created_by: string; created_at: Date };
export type VersionRow = {
  id: string; template_id: string; version: number; status: TemplateStatus; variables: TemplateVariable[];
  subject_zh: string | null; body_zh: string; subject_en: string | null; body_en: string;
  created_by: string; created_at: Date; submitted_by: string | null; submitted_at: Date | null;
  approved_by: string | null; approved_at: Date | null; retired_by: string | null; retired_at: Date | null;
};

export const versionText = (v: VersionRow): TemplateText => ({ subjectZh: v.subject_zh, bodyZh: v.body_zh, subjectEn: v.subject_en, bodyEn: v.body_en, variables: v.variables });

function assertDeclarations(text: TemplateText) {
  const problems = declarationProblems(text);
  if (problems.length) {
    throw new DomainError('validation', { zh: '模板变量声明有误', en: 'Template variables are not declared correctly' }, problems.map((message) => ({ field: 'variables', message })));
  }
}

async function insertVersion(exec: SqlExecutor, templateId: string, version: number, text: VersionInput, by: string, at: Date, status: TemplateStatus = 'draft') {
  const { rows: [row] } = await exec.query<{ id: string }>(
    `INSERT INTO template_versions (template_id, version, status, variables, subject_zh, body_zh, subject_en, body_en, created_by, created_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10::timestamptz) RETURNING id`,
    [templateId, version, status, JSON.stringify(text.variables), text.subjectZh, text.bodyZh, text.subjectEn, text.bodyEn, by, at.toISOString()],
  );
  return row!.id;
}

export async function createTemplate(
  exec: SqlExecutor,
  input: { key: string; nameZh: string; nameEn: string; purpose: string; audience: 'debtor' | 'third-party'; version: VersionInput; actor: Actor; at: Date; requestId?: string | null },
): Promise<{ templateId: string; versionId: string; version: number }> {
  assertDeclarations(input.version);
  const by = actorId(input.actor);
  const { rows: [row] } = await exec.query<{ id: string }>(
    `INSERT INTO message_templates (key, name_zh, name_en, purpose, audience, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz) ON CONFLICT (key) DO NOTHING RETURNING id`,
    [input.key, input.nameZh, input.nameEn, input.purpose, input.audience, by, input.at.toISOString()],
  );
  if (!row) throw new DomainError('conflict', { zh: `模板标识 ${input.key} 已存在`, en: `A template with key ${input.key} already exists` });
  const versionId = await insertVersion(exec, row.id, 1, input.version, by, input.at);
  await recordAudit(exec, {
    actor: input.actor, action: 'template.created', entityType: 'message-template', entityId: row.id,
    after: { key: input.key, purpose: input.purpose, audience: input.audience, versionId, version: 1 }, requestId: input.requestId ?? null,
  }, input.at);
  return { templateId: row.id, versionId, version: 1 };
}

/** A new draft version; earlier versions are never touched (a version's wording is immutable). */
export async function createVersion(exec: SqlExecutor, templateId: string, text: VersionInput, actor: Actor, at: Date, requestId?: string | null) {
  assertDeclarations(text);
  await loadTemplate(exec, templateId);
  // Serialise version numbering per template (two editors at once get 2 and 3, not a unique-index error).
  await exec.query(`SELECT id FROM message_templates WHERE id = $1 FOR UPDATE`, [templateId]);
  const { rows: [m] } = await exec.query<{ max: number | null }>(`SELECT max(version) AS max FROM template_versions WHERE template_id = $1`, [templateId]);
  const version = Number(m?.max ?? 0) + 1;
  const versionId = await insertVersion(exec, templateId, version, text, actorId(actor), at);
  await recordAudit(exec, {
    actor, action: 'template.version.created', entityType: 'template-version', entityId: versionId, after: { templateId, version }, requestId: requestId ?? null,
  }, at);
  return { versionId, version };
}

export async function loadTemplate(exec: SqlExecutor, templateId: string): Promise<TemplateRow> {
  const { rows: [t] } = await exec.query<TemplateRow>(`SELECT * FROM message_templates WHERE id = $1`, [templateId]);
  if (!t) throw notFound({ zh: '模板', en: 'Template' });
  return t;
}

export async function loadVersion(exec: SqlExecutor, templateId: string, version: number, forUpdate = false): Promise<VersionRow> {
  const { rows: [v] } = await exec.query<VersionRow>(
    `SELECT * FROM template_versions WHERE template_id = $1 AND version = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [templateId, version],
  );
  if (!v) throw notFound({ zh: '模板版本', en: 'Template version' });
  return v;
}

export type WordingFinding = { phrase: string; category: string; language: 'zh-CN' | 'en' };

/** The wording check over both languages' subject and body. Third-party templates may not mention a debt. */
export function templateWordingFindings(text: TemplateText, audience: 'debtor' | 'third-party'): WordingFinding[] {
  const findings: WordingFinding[] = [];
  for (const [language, parts] of [['zh-CN', [text.subjectZh, text.bodyZh]], ['en', [text.subjectEn, text.bodyEn]]] as const) {
    const result = checkWording(parts.filter(Boolean).join('\n'), language, { thirdParty: audience === 'third-party' });
    for (const f of result.findings) findings.push({ phrase: f.phrase, category: f.category, language });
  }
  return findings;
}

const transitionConflict = (from: string, to: string) =>
  new DomainError('conflict', { zh: `模板版本状态为 ${from}，不能变为 ${to}`, en: `A ${from} version cannot become ${to}` });

/** draft → pending-approval, only if the wording check finds nothing; refused with the offending phrases. */
export async function submitVersion(exec: SqlExecutor, templateId: string, version: number, actor: Actor, at: Date, requestId?: string | null) {
  const template = await loadTemplate(exec, templateId);
  const v = await loadVersion(exec, templateId, version, true);
  if (v.status !== 'draft') throw transitionConflict(v.status, 'pending-approval');
  const findings = templateWordingFindings(versionText(v), template.audience);
  if (findings.length) {
    throw new DomainError(
      'validation',
      { zh: `模板含有禁止用语：${findings.map((f) => f.phrase).join('、')}`, en: `The template contains prohibited wording: ${findings.map((f) => f.phrase).join(', ')}` },
      findings.map((f) => ({ field: f.language === 'zh-CN' ? 'bodyZh' : 'bodyEn', message: f.phrase, code: `wording.${f.category}` })),
    );
  }
  await exec.query(`UPDATE template_versions SET status = 'pending-approval', submitted_by = $2, submitted_at = $3::timestamptz WHERE id = $1`, [v.id, actorId(actor), at.toISOString()]);
  await recordAudit(exec, { actor, action: 'template.version.submitted', entityType: 'template-version', entityId: v.id, before: { status: 'draft' }, after: { status: 'pending-approval' }, requestId: requestId ?? null }, at);
  return { status: 'pending-approval' as const };
}

/**
 * pending-approval → approved, by a compliance reviewer who is neither the author nor the submitter
 * (four-eyes). Earlier approved versions of the template are retired in the same transaction, so
 * "the approved version" of a template is always one.
 */
export async function approveVersion(exec: SqlExecutor, templateId: string, version: number, actor: Actor, at: Date, requestId?: string | null) {
  const v = await loadVersion(exec, templateId, version, true);
  const me = actorId(actor);
  if (v.created_by === me || v.submitted_by === me) {
    throw new DomainError('forbidden', { zh: '不能审批自己编写或提交的模板版本', en: 'You cannot approve a template version you wrote or submitted' });
  }
  if (v.status !== 'pending-approval') throw transitionConflict(v.status, 'approved');
  const { rows: retired } = await exec.query<{ id: string }>(
    `UPDATE template_versions SET status = 'retired', retired_by = $2, retired_at = $3::timestamptz WHERE template_id = $1 AND status = 'approved' RETURNING id`,
    [templateId, me, at.toISOString()],
  );
  await exec.query(`UPDATE template_versions SET status = 'approved', approved_by = $2, approved_at = $3::timestamptz WHERE id = $1`, [v.id, me, at.toISOString()]);
  for (const r of retired) {
    await recordAudit(exec, { actor, action: 'template.version.retired', entityType: 'template-version', entityId: r.id, before: { status: 'approved' }, after: { status: 'retired', supersededBy: v.id }, requestId: requestId ?? null }, at);
  }
  await recordAudit(exec, { actor, action: 'template.version.approved', entityType: 'template-version', entityId: v.id, before: { status: 'pending-approval' }, after: { status: 'approved' }, requestId: requestId ?? null }, at);
  return { status: 'approved' as const };
}

export async function retireVersion(exec: SqlExecutor, templateId: string, version: number, actor: Actor, at: Date, requestId?: string | null) {
  const v = await loadVersion(exec, templateId, version, true);
  if (v.status === 'retired') throw transitionConflict(v.status, 'retired');
  await exec.query(`UPDATE template_versions SET status = 'retired', retired_by = $2, retired_at = $3::timestamptz WHERE id = $1`, [v.id, actorId(actor), at.toISOString()]);
  await recordAudit(exec, { actor, action: 'template.version.retired', entityType: 'template-version', entityId: v.id, before: { status: v.status }, after: { status: 'retired' }, requestId: requestId ?? null }, at);
  return { status: 'retired' as const };
}

// The version and its template in one row (every message sent reads them).
const SENDABLE_COLUMNS = `v.*, t.key AS t_key, t.name_zh AS t_name_zh, t.name_en AS t_name_en, t.purpose AS t_purpose, t.audience AS t_audience,
                          t.system AS t_system, t.created_by AS t_created_by, t.created_at AS t_created_at`;
const SENDABLE_BY_KEY = (key: string) => `SELECT ${SENDABLE_COLUMNS} FROM template_versions v JOIN message_templates t ON t.id = v.template_id
                                          WHERE t.key = ${key} ORDER BY (v.status = 'approved') DESC, v.version DESC LIMIT 1`;
type SendableRow = VersionRow & { t_key: string; t_name_zh: string; t_name_en: string; t_purpose: string; t_audience: TemplateRow['audience']; t_system: boolean; t_created_by: string; t_created_at: Date };
export type SendableVersion = { template: TemplateRow; version: VersionRow };

/** The version a message may be sent with: the one named, or the template's approved version. Only approved versions send. */
export async function findSendableVersion(exec: SqlExecutor, ref: { templateKey?: string; templateVersionId?: string }): Promise<SendableVersion> {
  const { rows: [found] } = ref.templateVersionId
    ? await exec.query<SendableRow>(`SELECT ${SENDABLE_COLUMNS} FROM template_versions v JOIN message_templates t ON t.id = v.template_id WHERE v.id = $1`, [ref.templateVersionId])
    : await exec.query<SendableRow>(SENDABLE_BY_KEY('$1'), [ref.templateKey ?? '']);
  const sendable = toSendable(found);
  if (sendable instanceof DomainError) throw sendable;
  return sendable;
}

/**
 * A subquery for callers that read other things in the same statement (complaint intake): the row
 * `findSendableVersion` reads for the template key expression `key`, as JSON (null: no such template).
 * Hand it to `toSendable`, and the result to the hub as `KnownRecords.versions`.
 */
export const sendableVersionJson = (key: string) => `(SELECT row_to_json(x) FROM (${SENDABLE_BY_KEY(key)}) x)`;

/** The template and version of a row read as above, or the error that it cannot be sent. */
export function toSendable(found: SendableRow | null | undefined): SendableVersion | DomainError {
  if (!found) return notFound({ zh: '模板', en: 'Template' });
  if (found.status !== 'approved') {
    return new DomainError('conflict', { zh: `模板版本未经审批（${found.status}），不能用于发送`, en: `Only an approved template version can be sent; this one is ${found.status}` });
  }
  const { t_key, t_name_zh, t_name_en, t_purpose, t_audience, t_system, t_created_by, t_created_at, ...version } = found;
  const template: TemplateRow = {
    id: version.template_id, key: t_key, name_zh: t_name_zh, name_en: t_name_en, purpose: t_purpose, audience: t_audience, system: t_system,
    created_by: t_created_by, created_at: t_created_at,
  };
  return { template, version };
}
