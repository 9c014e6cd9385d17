import { useState } from 'react';
import { createTemplateVersion, getTemplate, isApiProblem, transitionTemplateVersion } from '../../api/client.ts';
import type { Template, TemplateVersion } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { Alert, EmptyState, Loading } from '../../ui/states.tsx';
import { ActorLabel } from '../communications/actor-label.tsx';
import { Highlighted } from '../communications/highlight.tsx';
import { TEMPLATE_STATUS_TONE } from '../communications/options.ts';
import { TemplatePreviewPanel } from './template-preview.tsx';
import { draftToContent, undeclaredPlaceholders, VersionEditor, type VersionDraft } from './version-editor.tsx';

/** Phrases the wording check refused at submit, per language (from the 422's field problems). */
export type WordingRefusal = { zh: string[]; en: string[]; categories: Record<string, string> };

export function wordingRefusalOf(error: unknown): WordingRefusal | null {
  if (!isApiProblem(error) || error.status !== 422) return null;
  const fields = (error.problem?.errors ?? []).filter((f) => f.code?.startsWith('wording.'));
  if (fields.length === 0) return null;
  const result: WordingRefusal = { zh: [], en: [], categories: {} };
  for (const f of fields) {
    (f.field.endsWith('Zh') ? result.zh : result.en).push(f.message);
    result.categories[f.message] = f.code!.slice('wording.'.length);
  }
  return result;
}

/** One template and every version: the wording in both languages, the approval trail and the actions the role allows. */
export function TemplatePage({ templateId }: { templateId: string }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const template = useApi(`template:${templateId}`, (signal) => getTemplate(templateId, signal));
  const [editing, setEditing] = useState<VersionDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  const back = (
    <Link to={paths.templates()} className="back-link" data-testid="back-to-templates">
      <span aria-hidden="true">←</span> {t('templates.back')}
    </Link>
  );
  if (template.status === 'error') {
    return (
      <div className="page">
        {back}
        {isApiProblem(template.error) && template.error.status === 404 ? (
          <EmptyState icon="404" title={t('templates.notFound')} />
        ) : (
          <ProblemAlert error={template.error} onRetry={template.reload} testId="template-error" />
        )}
      </div>
    );
  }
  if (template.status !== 'success') {
    return (
      <div className="page">
        {back}
        <Loading label={t('common.loading')} />
      </div>
    );
  }
  const tpl = template.data;
  const latest = tpl.versions[tpl.versions.length - 1];
  const startEditing = () => {
    setSaveError(null);
    setEditing(
      latest
        ? { subjectZh: latest.subjectZh ?? '', bodyZh: latest.bodyZh, subjectEn: latest.subjectEn ?? '', bodyEn: latest.bodyEn, variables: latest.variables }
        : { subjectZh: '', bodyZh: '', subjectEn: '', bodyEn: '', variables: [] },
    );
  };
  const saveVersion = async () => {
    if (!editing) return;
    setSaving(true);
    setSaveError(null);
    try {
      await createTemplateVersion(tpl.id, draftToContent(editing));
      setEditing(null);
      template.reload();
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };
  const versions = [...tpl.versions].reverse();

  return (
    <div className="page" data-testid="template-page">
      {back}
      <div className="page-header">
        <div className="page-header__text">
          <h1 className="page__title" data-testid="template-title">
            {locale === 'zh-CN' ? tpl.nameZh : tpl.nameEn}
          </h1>
          <p className="inline-list">
            <span className="ident muted">{tpl.key}</span>
            <Badge tone="info">{t(`purpose.${tpl.purpose}`)}</Badge>
            <Badge tone={tpl.audience === 'third-party' ? 'warning' : 'neutral'}>{t(`audience.${tpl.audience}`)}</Badge>
            {tpl.system && <Badge>{t('templates.system')}</Badge>}
            {tpl.approvedVersion !== null ? (
              <span className="small tone-text--success">{t('templates.sendableVersion', { v: tpl.approvedVersion })}</span>
            ) : (
              <span className="small muted">{t('templates.notSendable')}</span>
            )}
          </p>
        </div>
        <div className="page-header__actions">
          {can('templates.manage') && !editing && (
            <button type="button" className="button button--primary" onClick={startEditing} data-testid="version-new">
              {t('templates.newVersion')}
            </button>
          )}
        </div>
      </div>
      <p className="muted small">{t('templates.flow')}</p>

      {editing && (
        <Card title={t('templates.newVersionTitle', { v: (latest?.version ?? 0) + 1 })} testId="version-editor">
          <div className="stack stack--tight">
            <VersionEditor value={editing} onChange={setEditing} testIdPrefix="version" />
            {saveError !== null && <ProblemAlert error={saveError} testId="version-save-error" />}
            <div className="dialog__actions">
              <button type="button" className="button button--secondary" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={saving || !editing.bodyZh.trim() || !editing.bodyEn.trim() || undeclaredPlaceholders(editing).length > 0}
                onClick={() => void saveVersion()}
                data-testid="version-save"
              >
                {saving ? t('templates.saving') : t('templates.saveDraft')}
              </button>
            </div>
          </div>
        </Card>
      )}

      {versions.map((v) => (
        <VersionCard key={v.id} template={tpl} version={v} onChanged={template.reload} />
      ))}
    </div>
  );
}

function VersionCard({ template, version, onChanged }: { template: Template; version: TemplateVersion; onChanged: () => void }) {
  const { t, label } = useI18n();
  const { can, state } = useSession();
  const me = state.status === 'signed-in' ? `staff:${state.session.user.id}` : null;
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [wording, setWording] = useState<WordingRefusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const ownWork = me !== null && (version.createdBy === me || version.submittedBy === me);

  const act = async (action: 'submit' | 'approve' | 'retire') => {
    setPending(action);
    setError(null);
    setWording(null);
    setDone(null);
    try {
      await transitionTemplateVersion(template.id, version.version, action);
      setDone(t(`templates.done.${action}`, { v: version.version }));
      onChanged();
    } catch (err) {
      const refusal = action === 'submit' ? wordingRefusalOf(err) : null;
      if (refusal) setWording(refusal);
      else setError(err);
    } finally {
      setPending(null);
    }
  };

  const stamps: Array<{ key: string; label: string; by: string | null; at: string | null }> = [
    { key: 'created', label: t('templates.stamp.created'), by: version.createdBy, at: version.createdAt },
    { key: 'submitted', label: t('templates.stamp.submitted'), by: version.submittedBy, at: version.submittedAt },
    { key: 'approved', label: t('templates.stamp.approved'), by: version.approvedBy, at: version.approvedAt },
    { key: 'retired', label: t('templates.stamp.retired'), by: version.retiredBy, at: version.retiredAt },
  ];
  const actions = (
    <span className="inline-list">
      {version.status === 'draft' && can('templates.manage') && (
        <button type="button" className="button button--small button--primary" onClick={() => void act('submit')} disabled={pending !== null} data-testid="version-submit">
          {pending === 'submit' ? t('templates.working') : t('templates.submit')}
        </button>
      )}
      {version.status === 'pending-approval' && can('templates.approve') && (
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => void act('approve')}
          disabled={pending !== null || ownWork}
          title={ownWork ? t('templates.fourEyes') : undefined}
          data-testid="version-approve"
        >
          {pending === 'approve' ? t('templates.working') : t('templates.approve')}
        </button>
      )}
      {version.status !== 'retired' && can('templates.manage') && (
        <button type="button" className="button button--small button--danger-outline" onClick={() => void act('retire')} disabled={pending !== null} data-testid="version-retire">
          {pending === 'retire' ? t('templates.working') : t('templates.retire')}
        </button>
      )}
      {can('communications.read') && can('customers.read') && (
        <button type="button" className="button button--small button--secondary" onClick={() => setPreviewing((p) => !p)} aria-expanded={previewing} data-testid="version-preview-toggle">
          {t('templates.preview')}
        </button>
      )}
    </span>
  );

  return (
    <Card
      title={
        <span className="inline-list">
          {t('templates.version', { v: version.version })}
          <Badge tone={TEMPLATE_STATUS_TONE[version.status]} testId="version-status">
            {t(`templateStatus.${version.status}`)}
          </Badge>
        </span>
      }
      aside={actions}
      testId="version-card"
      className={version.status === 'retired' ? 'card--muted' : undefined}
    >
      <div className="stack stack--tight" data-version={version.version} data-status={version.status}>
        {wording && (
          <Alert tone="danger" title={t('templates.wordingRefused')} testId="wording-refused">
            <p>{t('templates.wordingRefusedHint')}</p>
            <ul className="alert__fields">
              {[...wording.zh.map((p) => ({ p, lang: 'zh' })), ...wording.en.map((p) => ({ p, lang: 'en' }))].map(({ p, lang }) => (
                <li key={`${lang}-${p}`} data-testid="wording-finding">
                  <mark className="wording-mark">{p}</mark> · {lang === 'zh' ? t('templates.zh') : t('templates.en')} ·{' '}
                  {label('wordingCategory', wording.categories[p] ?? '')}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {version.status === 'pending-approval' && can('templates.approve') && ownWork && <p className="small tone-text--warning">{t('templates.fourEyes')}</p>}
        {done && <Alert tone="success" title={done} testId="version-done" />}
        {error !== null && <ProblemAlert error={error} testId="version-error" />}
        <div className="version-text">
          <div className="version-text__lang" data-testid="version-text-zh">
            <p className="version-text__label">{t('templates.zh')}</p>
            {version.subjectZh && (
              <p className="version-text__subject">
                <Highlighted text={version.subjectZh} phrases={wording?.zh} />
              </p>
            )}
            <p className="version-text__body">
              <Highlighted text={version.bodyZh} phrases={wording?.zh} />
            </p>
          </div>
          <div className="version-text__lang" data-testid="version-text-en">
            <p className="version-text__label">{t('templates.en')}</p>
            {version.subjectEn && (
              <p className="version-text__subject">
                <Highlighted text={version.subjectEn} phrases={wording?.en} />
              </p>
            )}
            <p className="version-text__body">
              <Highlighted text={version.bodyEn} phrases={wording?.en} />
            </p>
          </div>
        </div>
        <div className="version-meta">
          <span className="inline-list">
            <span className="muted small">{t('templates.variables')}</span>
            {version.variables.length === 0 && <span className="muted small">{t('common.none')}</span>}
            {version.variables.map((v) => (
              <span key={v.name} className="var-chip">
                <code>{v.name}</code> {t(`varType.${v.type}`)}
                {!v.required && ` · ${t('common.optional')}`}
              </span>
            ))}
          </span>
          <dl className="stamps">
            {stamps
              .filter((s) => s.at)
              .map((s) => (
                <div key={s.key} className="stamps__item">
                  <dt>{s.label}</dt>
                  <dd>
                    <DateText instant={s.at} /> · {s.by ? <ActorLabel actorId={s.by} /> : t('common.none')}
                  </dd>
                </div>
              ))}
          </dl>
        </div>
        {previewing && <TemplatePreviewPanel template={template} version={version} />}
      </div>
    </Card>
  );
}
