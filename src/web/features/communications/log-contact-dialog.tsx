import { useMemo, useState, type FormEvent } from 'react';
import { SelectField } from '../../ui/select-field.tsx';
import { checkContact, contactRefusalOf, listEvidence, logContact } from '../../api/client.ts';
import type { ComplianceDenial, ConsentPurpose, CustomerProfile, Loan, LoggedChannel, LoggedOutcome, LogContactRequest } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/states.tsx';
import { formatContactValue } from '../customers/format-contact.ts';
import { RefusalAlert } from './denial-reasons.tsx';
import { CHANNEL_POINT_KIND, LOGGED_CHANNEL_OPTIONS, LOGGED_OUTCOME_OPTIONS, PURPOSE_OPTIONS } from './options.ts';
import { ZonedInstant } from './zoned-time.tsx';

type Refusal = { denials: ComplianceDenial[]; earliestAllowedAt: string | null; at?: string };
type Check = { kind: 'allowed'; at: string } | { kind: 'refused'; refusal: Refusal; from: 'check' | 'log' };

const OVERRIDE_MINUTES = [30, 60, 120, 240, 480] as const;
const MIN_OVERRIDE_REASON = 10;

/**
 * "登记通话/上门": an agent's call, video call or field visit with its outcome. The engine checks it
 * first (the agent may also check before dialling); a refusal lists every reason. A supervisor
 * (compliance.override) can grant an override with a reason from the same dialog — stored and
 * audited — and the contact is then logged citing it. Others can cite an override a supervisor
 * granted them by its number.
 */
export function LogContactDialog({
  customer,
  loans,
  zones,
  checkedAt,
  onClose,
  onLogged,
  onRefused,
}: {
  customer: CustomerProfile;
  loans: Loan[];
  zones: string[];
  /** The server's instant of the page's last check: "today / next day" for a refusal that does not carry its own (the 409). */
  checkedAt?: string;
  onClose: () => void;
  /** Logged: close and say so on the page. */
  onLogged: (message: string) => void;
  /** A stored refusal (or a granted override) changed the lists. */
  onRefused: () => void;
}) {
  const { t, label: codeLabel } = useI18n();
  const { can } = useSession();
  const mayOverride = can('compliance.override');
  const [channel, setChannel] = useState<LoggedChannel>('phone');
  const [purpose, setPurpose] = useState<ConsentPurpose>('collections');
  const [outcome, setOutcome] = useState<LoggedOutcome>('connected');
  const [debtId, setDebtId] = useState(loans[0]?.id ?? '');
  const [pointId, setPointId] = useState('');
  const [evidenceId, setEvidenceId] = useState('');
  const [minutes, setMinutes] = useState('');
  const [note, setNote] = useState('');
  const [agency, setAgency] = useState('');
  const [check, setCheck] = useState<Check | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideMinutes, setOverrideMinutes] = useState<number>(60);
  const [citedOverride, setCitedOverride] = useState('');
  const [pending, setPending] = useState<'check' | 'log' | 'override' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldProblem, setFieldProblem] = useState<string | null>(null);

  const evidence = useApi(can('evidence.read') && channel === 'field-visit' ? `evidence:${customer.id}:log` : null, (signal) => listEvidence('customer', customer.id, signal));
  const kind = CHANNEL_POINT_KIND[channel];
  const points = useMemo(() => customer.contactPoints.filter((p) => p.kind === kind && !p.markedWrongAt), [customer.contactPoints, kind]);

  const changed = () => {
    setCheck(null);
    setError(null);
    setFieldProblem(null);
  };

  const proposal = () => ({ channel, purpose, debtId: debtId || null, contactPointId: pointId || null });

  const body = (overrideId: string | null): LogContactRequest | null => {
    let durationSeconds: number | null = null;
    if (minutes.trim()) {
      const m = Number(minutes);
      if (!Number.isFinite(m) || m < 0 || m > 1440) {
        setFieldProblem(t('log.durationInvalid'));
        return null;
      }
      durationSeconds = Math.round(m * 60);
    }
    if (channel === 'field-visit' && !evidenceId) {
      setFieldProblem(t('log.evidenceRequired'));
      return null;
    }
    return {
      ...proposal(),
      outcome,
      evidenceItemId: evidenceId || null,
      durationSeconds,
      note: note.trim() || null,
      agency: agency.trim() || null,
      overrideId,
    };
  };

  const runCheck = async () => {
    changed();
    setPending('check');
    try {
      const result = await checkContact(customer.id, { ...proposal(), mode: 'human' });
      if (result.allowed) setCheck({ kind: 'allowed', at: result.at });
      else {
        setCheck({ kind: 'refused', from: 'check', refusal: { denials: result.denials ?? [], earliestAllowedAt: result.earliestAllowedAt ?? null, at: result.at } });
        onRefused();
      }
    } catch (err) {
      setError(err);
    } finally {
      setPending(null);
    }
  };

  const submitLog = async (overrideId: string | null, overriddenNote?: string) => {
    const request = body(overrideId);
    if (!request) return;
    setPending(overrideId && overriddenNote ? 'override' : 'log');
    try {
      const result = await logContact(customer.id, request);
      const what = t(`channel.${channel}`);
      onLogged(
        result.overridden.length
          ? t('log.loggedWithOverride', { what, rules: result.overridden.map((r) => codeLabel('rule', r)).join(t('list.separator')) })
          : t('log.logged', { what, outcome: t(`outcome.${outcome}`) }),
      );
    } catch (err) {
      const refusal = contactRefusalOf(err);
      if (refusal) {
        setCheck({ kind: 'refused', from: 'log', refusal: { denials: refusal.denials, earliestAllowedAt: refusal.earliestAllowedAt } });
        onRefused();
      } else setError(err);
      setPending(null);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    changed();
    void submitLog(citedOverride.trim() || null);
  };

  /** Supervisor: grant the override (stored, audited), then log the contact citing it. */
  const overrideAndLog = async () => {
    if (overrideReason.trim().length < MIN_OVERRIDE_REASON) return;
    setError(null);
    setPending('override');
    try {
      const granted = await checkContact(customer.id, { ...proposal(), mode: 'human', override: { reason: overrideReason.trim(), validMinutes: overrideMinutes } });
      onRefused();
      if (!granted.allowed || !granted.override) {
        setCheck({ kind: 'refused', from: 'check', refusal: { denials: granted.denials ?? [], earliestAllowedAt: granted.earliestAllowedAt ?? null, at: granted.at } });
        setPending(null);
        return;
      }
      await submitLog(granted.override.id, 'override');
    } catch (err) {
      setError(err);
      setPending(null);
    }
  };

  const refusal = check?.kind === 'refused' ? check.refusal : null;
  const overridable = refusal !== null && refusal.denials.length > 0 && refusal.denials.every((d) => d.overridable);
  const pointOf = (id: string) => customer.contactPoints.find((p) => p.id === id);

  return (
    <Dialog title={t('log.title')} onClose={onClose} testId="log-dialog" size="wide">
      <form className="dialog__body" onSubmit={submit}>
        <p className="muted small">{t('log.explain')}</p>
        <div className="form-grid">
          <label className="field">
            <span className="field__label">{t('log.channel')}</span>
            <select
              className="input input--small"
              value={channel}
              onChange={(e) => {
                setChannel(e.target.value as LoggedChannel);
                setPointId('');
                changed();
              }}
              data-testid="log-channel"
            >
              {LOGGED_CHANNEL_OPTIONS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <SelectField
            small
            label={t('log.purpose')}
            value={purpose}
            options={PURPOSE_OPTIONS}
            optionLabel={(p) => t(`purpose.${p}`)}
            onChange={(p) => { setPurpose(p); changed(); }}
            testId="log-purpose"
          />
          <SelectField
            small
            label={t('log.outcome')}
            value={outcome}
            options={LOGGED_OUTCOME_OPTIONS}
            optionLabel={(o) => t(`outcome.${o}`)}
            onChange={setOutcome}
            testId="log-outcome"
          />
          <label className="field">
            <span className="field__label">{t('log.point')}</span>
            <select className="input input--small" value={pointId} onChange={(e) => { setPointId(e.target.value); changed(); }} data-testid="log-point">
              <option value="">{points.some((p) => p.relationship === 'self') ? t('send.primaryPoint') : t('send.noPoint')}</option>
              {points.map((p) => (
                <option key={p.id} value={p.id}>
                  {formatContactValue(p.kind, p.value)}
                  {p.relationship !== 'self' ? ` · ${t(`relationship.${p.relationship}`)}${p.thirdPartyName ? ` ${p.thirdPartyName}` : ''}` : ''}
                </option>
              ))}
            </select>
            {pointId && pointOf(pointId)?.relationship !== 'self' && <span className="field__hint tone-text--warning">{t('contacts.thirdPartyNote')}</span>}
          </label>
          <label className="field">
            <span className="field__label">
              {t('log.loan')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <select className="input input--small" value={debtId} onChange={(e) => { setDebtId(e.target.value); changed(); }} data-testid="log-loan">
              <option value="">{t('send.noLoan')}</option>
              {loans.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.loanNumber}
                  {l.delinquency.daysPastDue > 0 ? ` · ${t('send.loanDpd', { n: l.delinquency.daysPastDue })}` : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">
              {t('log.duration')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <input className="input input--small" inputMode="decimal" value={minutes} onChange={(e) => setMinutes(e.target.value)} placeholder="4.5" data-testid="log-duration" />
          </label>
          {channel === 'field-visit' && (
            <label className="field form-grid__wide">
              <span className="field__label">{t('log.evidence')}</span>
              <select className="input input--small" value={evidenceId} onChange={(e) => setEvidenceId(e.target.value)} data-testid="log-evidence">
                <option value="">{evidence.status === 'success' && evidence.data.items.length === 0 ? t('log.noEvidence') : t('log.chooseEvidence')}</option>
                {evidence.status === 'success' &&
                  evidence.data.items
                    .filter((ev) => !ev.removedAt)
                    .map((ev) => (
                      <option key={ev.id} value={ev.id}>
                        {ev.originalFileName} · {t(`evidenceKind.${ev.kind}`)} · {instantText(ev.uploadedAt)}
                      </option>
                    ))}
              </select>
              <span className="field__hint">{t('log.evidenceHint')}</span>
            </label>
          )}
          <label className="field form-grid__wide">
            <span className="field__label">
              {t('log.note')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <textarea className="input textarea" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('log.notePlaceholder')} data-testid="log-note" />
          </label>
          <label className="field form-grid__wide">
            <span className="field__label">
              {t('log.agency')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <input className="input input--small" maxLength={200} value={agency} onChange={(e) => setAgency(e.target.value)} placeholder={t('log.agencyPlaceholder')} data-testid="log-agency" />
          </label>
        </div>

        {check?.kind === 'allowed' && (
          <Alert tone="success" title={t('log.checkAllowed')} testId="log-check-allowed">
            {t('log.checkedAt')} <ZonedInstant instant={check.at} />
          </Alert>
        )}
        {refusal && (
          <RefusalAlert
            title={check?.kind === 'refused' && check.from === 'log' ? t('log.refused') : t('log.checkRefused')}
            denials={refusal.denials}
            earliestAllowedAt={refusal.earliestAllowedAt}
            zones={zones}
            relativeTo={refusal.at ?? checkedAt}
            testId="log-refused"
          >
            {mayOverride && overridable && (
              <div className="override-box" data-testid="override-box">
                <p className="override-box__title">{t('override.title')}</p>
                <p className="small">{t('override.explain')}</p>
                <label className="field">
                  <span className="field__label">{t('override.reason')}</span>
                  <textarea
                    className="input textarea"
                    rows={2}
                    maxLength={1000}
                    value={overrideReason}
                    onChange={(e) => setOverrideReason(e.target.value)}
                    placeholder={t('override.reasonPlaceholder')}
                    data-testid="override-reason"
                  />
                  <span className="field__hint">{t('override.reasonHint', { n: MIN_OVERRIDE_REASON })}</span>
                </label>
                <div className="override-box__row">
                  <label className="field field--inline">
                    <span className="field__label">{t('override.valid')}</span>
                    <select className="input input--small" value={overrideMinutes} onChange={(e) => setOverrideMinutes(Number(e.target.value))} data-testid="override-minutes">
                      {OVERRIDE_MINUTES.map((m) => (
                        <option key={m} value={m}>
                          {t('override.minutes', { n: m })}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => void overrideAndLog()}
                    disabled={pending !== null || overrideReason.trim().length < MIN_OVERRIDE_REASON}
                    data-testid="override-submit"
                  >
                    {pending === 'override' ? t('override.granting') : t('override.submit')}
                  </button>
                </div>
              </div>
            )}
            {mayOverride && !overridable && <p className="small">{t('override.notOverridable')}</p>}
            {!mayOverride && overridable && (
              <label className="field override-cite">
                <span className="field__label">{t('override.cite')}</span>
                <input
                  className="input input--small ident"
                  value={citedOverride}
                  onChange={(e) => setCitedOverride(e.target.value)}
                  placeholder={t('override.citePlaceholder')}
                  data-testid="override-cite"
                />
                <span className="field__hint">{t('override.citeHint')}</span>
              </label>
            )}
          </RefusalAlert>
        )}
        {fieldProblem && (
          <p className="field__error" data-testid="log-field-problem">
            {fieldProblem}
          </p>
        )}
        {error !== null && <ProblemAlert error={error} testId="log-error" />}

        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void runCheck()} disabled={pending !== null} data-testid="log-check">
            {pending === 'check' ? t('log.checking') : t('log.check')}
          </button>
          <button type="submit" className="button button--primary" disabled={pending !== null} data-testid="log-submit">
            {pending === 'log' ? t('log.saving') : citedOverride.trim() ? t('log.submitCiting') : t('log.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
