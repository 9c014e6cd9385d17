import { useState, type FormEvent } from 'react';
import { SelectField } from '../../ui/select-field.tsx';
import { createTemplate, getTemplate, listTemplates } from '../../api/client.ts';
import type { ConsentPurpose, Template, TemplateAudience, TemplateSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { navigate, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { PURPOSE_OPTIONS, TEMPLATE_STATUS_TONE } from '../communications/options.ts';
import { draftToContent, EMPTY_DRAFT, undeclaredPlaceholders, VersionEditor, type VersionDraft } from './version-editor.tsx';

/**
 * 消息模板: every template with its versions' states (draft → pending approval → approved →
 * retired). Writers (templates.manage) create templates; the detail page submits, approves (a
 * compliance reviewer, never the author) and previews.
 */
export function TemplatesPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  const list = useApi('templates:list', (signal) => listTemplates(signal));
  const ids = list.status === 'success' ? list.data.items.map((x) => x.id) : null;
  // The list has no version states; each template's versions come from its own endpoint.
  const details = useApi(ids ? `templates:details:${ids.join(',')}` : null, (signal) => Promise.all(ids!.map((id) => getTemplate(id, signal))));
  const byId = new Map<string, Template>(details.status === 'success' ? details.data.map((d) => [d.id, d]) : []);

  const columns: Array<Column<TemplateSummary>> = [
    {
      key: 'name',
      header: t('templates.name'),
      render: (x) => (
        <span className="stacked-cell">
          <span className="stacked-cell__main" data-testid="template-name">
            {locale === 'zh-CN' ? x.nameZh : x.nameEn}
          </span>
          <span className="ident muted small">{x.key}</span>
        </span>
      ),
    },
    { key: 'purpose', header: t('templates.purpose'), render: (x) => t(`purpose.${x.purpose}`), nowrap: true },
    {
      key: 'audience',
      header: t('templates.audience'),
      render: (x) => <Badge tone={x.audience === 'third-party' ? 'warning' : 'neutral'}>{t(`audience.${x.audience}`)}</Badge>,
      nowrap: true,
    },
    {
      key: 'versions',
      header: t('templates.versions'),
      render: (x) => {
        const d = byId.get(x.id);
        if (!d) return <span className="muted small">{details.status === 'error' ? t('common.none') : t('common.loading')}</span>;
        return (
          <span className="inline-list">
            {[...d.versions].reverse().map((v) => (
              <Badge key={v.id} tone={TEMPLATE_STATUS_TONE[v.status]} testId="template-version-badge">
                v{v.version} {t(`templateStatus.${v.status}`)}
              </Badge>
            ))}
          </span>
        );
      },
    },
    {
      key: 'approved',
      header: t('templates.sendable'),
      render: (x) =>
        x.approvedVersion !== null ? (
          <span className="tone-text--success">{t('templates.sendableVersion', { v: x.approvedVersion })}</span>
        ) : (
          <span className="muted">{t('templates.notSendable')}</span>
        ),
      nowrap: true,
    },
    {
      key: 'created',
      header: t('templates.created'),
      render: (x) => (
        <span className="stacked-cell">
          <DateText instant={x.createdAt} />
          {x.system && <span className="muted small">{t('templates.system')}</span>}
        </span>
      ),
      nowrap: true,
    },
  ];

  return (
    <div className="page" data-testid="templates-page">
      <div className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('templates.title')}</h1>
          <p className="muted small">{t('templates.subtitle')}</p>
        </div>
        <div className="page-header__actions">
          {can('templates.manage') && (
            <button type="button" className="button button--primary" onClick={() => setCreating(true)} data-testid="template-create">
              {t('templates.create')}
            </button>
          )}
        </div>
      </div>
      <Card title={t('templates.listTitle')} flush testId="templates">
        {list.status === 'error' ? (
          <div className="card__notice">
            <ProblemAlert error={list.error} onRetry={list.reload} testId="templates-error" />
          </div>
        ) : list.status !== 'success' ? (
          <Loading label={t('common.loading')} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title={t('templates.empty')} />
        ) : (
          <Table
            columns={columns}
            rows={list.data.items}
            rowKey={(x) => x.id}
            rowTestId="template-row"
            rowAttributes={(x) => ({ 'data-key': x.key })}
            onRowClick={(x) => navigate(paths.template(x.id))}
          />
        )}
      </Card>
      {creating && <CreateTemplateDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateTemplateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [purpose, setPurpose] = useState<ConsentPurpose>('collections');
  const [audience, setAudience] = useState<TemplateAudience>('debtor');
  const [draft, setDraft] = useState<VersionDraft>(EMPTY_DRAFT);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const keyOk = /^[a-z0-9][a-z0-9-]{2,60}$/.test(key);
  const ready = keyOk && nameZh.trim() && nameEn.trim() && draft.bodyZh.trim() && draft.bodyEn.trim() && undeclaredPlaceholders(draft).length === 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setPending(true);
    setError(null);
    try {
      const created = await createTemplate({ key, nameZh: nameZh.trim(), nameEn: nameEn.trim(), purpose, audience, version: draftToContent(draft) });
      navigate(paths.template(created.templateId));
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };

  return (
    <Dialog title={t('templates.createTitle')} onClose={onClose} testId="template-create-dialog" size="wide">
      <form className="dialog__body" onSubmit={submit}>
        <p className="muted small">{t('templates.createExplain')}</p>
        <div className="form-grid">
          <label className="field">
            <span className="field__label">{t('templates.key')}</span>
            <input
              className="input input--small ident"
              value={key}
              onChange={(e) => setKey(e.target.value.trim().toLowerCase())}
              placeholder="hardship-follow-up"
              aria-invalid={key !== '' && !keyOk ? true : undefined}
              data-testid="template-key"
            />
            <span className="field__hint">{t('templates.keyHint')}</span>
          </label>
          <label className="field">
            <span className="field__label">{t('templates.nameZh')}</span>
            <input className="input input--small" maxLength={100} value={nameZh} onChange={(e) => setNameZh(e.target.value)} data-testid="template-name-zh" />
          </label>
          <label className="field">
            <span className="field__label">{t('templates.nameEn')}</span>
            <input className="input input--small" maxLength={100} value={nameEn} onChange={(e) => setNameEn(e.target.value)} data-testid="template-name-en" />
          </label>
          <SelectField
            small
            label={t('templates.purpose')}
            value={purpose}
            options={PURPOSE_OPTIONS}
            optionLabel={(p) => t(`purpose.${p}`)}
            onChange={setPurpose}
            testId="template-purpose"
          />
          <label className="field">
            <span className="field__label">{t('templates.audience')}</span>
            <select className="input input--small" value={audience} onChange={(e) => setAudience(e.target.value as TemplateAudience)} data-testid="template-audience">
              <option value="debtor">{t('audience.debtor')}</option>
              <option value="third-party">{t('audience.third-party')}</option>
            </select>
            {audience === 'third-party' && <span className="field__hint tone-text--warning">{t('templates.thirdPartyHint')}</span>}
          </label>
        </div>
        <VersionEditor value={draft} onChange={setDraft} testIdPrefix="new-template" />
        {error !== null && <ProblemAlert error={error} testId="template-create-error" />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={!ready || pending} data-testid="template-create-submit">
            {pending ? t('templates.saving') : t('templates.createSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
