import { useState } from 'react';
import { changeContactFlag } from '../../api/client.ts';
import type { ContactFlag, ContactHold, ContactHoldList, Loan } from '../../api/types.ts';
import type { ApiState } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { CONTACT_FLAG_OPTIONS } from './options.ts';
import { holdReference, liftedByHand, PlaceHoldDialog, ReleaseHoldDialog } from './manual-hold-dialogs.tsx';
import { ReasonDialog } from './reason-dialog.tsx';

type FlagIntent = { flag: ContactFlag; action: 'set' | 'clear' };

/**
 * Contact pauses opened by complaints, fraud, disputes and legal holds (open ones first), and the
 * care flags (hardship, bereavement, vulnerable), which staff with communications.send set and clear
 * with a reason (audited). Supervisors (compliance.override) place and lift dispute and legal holds.
 */
export function HoldsCard({
  customerId,
  state,
  loans,
  onChanged,
}: {
  customerId: string;
  state: ApiState<ContactHoldList> & { reload: () => void };
  loans: Loan[];
  onChanged: () => void;
}) {
  const { t, label } = useI18n();
  const { can } = useSession();
  const manage = can('communications.send');
  const mayHold = can('compliance.override');
  const [intent, setIntent] = useState<FlagIntent | null>(null);
  const [placing, setPlacing] = useState(false);
  const [releasing, setReleasing] = useState<ContactHold | null>(null);
  const saved = (close: () => void) => () => {
    close();
    onChanged();
  };
  const loanNumber = new Map(loans.map((l) => [l.id, l.loanNumber]));

  const columns: Array<Column<ContactHold>> = [
    {
      key: 'type',
      header: t('holds.type'),
      render: (h) => (
        <span className="inline-list">
          <Badge tone={h.closedAt ? 'neutral' : 'danger'}>{label('holdType', h.type)}</Badge>
          {h.closedAt ? <span className="muted small">{t('holds.closed')}</span> : <span className="small tone-text--danger">{t('holds.open')}</span>}
        </span>
      ),
      nowrap: true,
    },
    { key: 'scope', header: t('holds.scope'), render: (h) => (h.debtId ? t('holds.oneLoan', { loan: loanNumber.get(h.debtId) ?? h.debtId.slice(0, 8) }) : t('holds.allLoans')), nowrap: true },
    {
      key: 'when',
      header: t('holds.when'),
      render: (h) => (
        <span className="stacked-cell">
          <DateText instant={h.openedAt} />
          {h.closedAt && (
            <span className="small muted">
              {t('holds.closedAt')} <DateText instant={h.closedAt} />
            </span>
          )}
        </span>
      ),
      nowrap: true,
    },
    {
      key: 'source',
      header: t('holds.source'),
      render: (h) => <span className="small" data-testid="hold-source">{label('holdSource', h.sourceType)}{holdReference(h) ? ` · ${holdReference(h)}` : ''}</span>,
      nowrap: true,
    },
    { key: 'reason', header: t('holds.reason'), render: (h) => <span className="small">{h.reason}</span> },
  ];
  if (mayHold) {
    columns.push({
      key: 'actions',
      header: '',
      render: (h) =>
        h.closedAt ? null : liftedByHand(h) ? (
          <button type="button" className="button button--small button--secondary" onClick={() => setReleasing(h)} data-testid="hold-release">
            {t('holds.release')}
          </button>
        ) : (
          <span className="muted small">{t('holds.byCase')}</span>
        ),
      nowrap: true,
    });
  }

  const body = () => {
    if (state.status === 'error') return <div className="card__notice"><ProblemAlert error={state.error} onRetry={state.reload} testId="holds-error" /></div>;
    if (state.status !== 'success') return <Loading label={t('common.loading')} />;
    const { items, flags } = state.data;
    const sorted = [...items].sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null));
    return (
      <>
        <ul className="flag-list" data-testid="contact-flags">
          {CONTACT_FLAG_OPTIONS.map((flag) => {
            const set = flags.find((f) => f.flag === flag);
            return (
              <li key={flag} className={set ? 'flag-item flag-item--set' : 'flag-item'} data-testid="contact-flag" data-flag={flag} data-set={String(Boolean(set))}>
                <span className="flag-item__text">
                  <span className="flag-item__title">
                    {t(`flag.${flag}`)}{' '}
                    {set ? <Badge tone="orange">{t('flags.set')}</Badge> : <Badge>{t('flags.notSet')}</Badge>}
                  </span>
                  <span className="muted small">
                    {set ? (
                      <>
                        <DateText instant={set.setAt} /> · {set.reason}
                      </>
                    ) : (
                      t(`flag.${flag}.effect`)
                    )}
                  </span>
                </span>
                {manage && (
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() => setIntent({ flag, action: set ? 'clear' : 'set' })}
                    data-testid={set ? 'flag-clear' : 'flag-set'}
                  >
                    {set ? t('flags.clear') : t('flags.setAction')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <div className="card__subtitle-row">
          <h3 className="card__subtitle">{t('holds.title')}</h3>
          {mayHold && (
            <button type="button" className="button button--small button--secondary" onClick={() => setPlacing(true)} data-testid="hold-place">
              {t('holds.place')}
            </button>
          )}
        </div>
        {sorted.length === 0 ? (
          <p className="card__notice card__notice--bottom muted small" data-testid="holds-empty">
            {t('holds.empty')}
          </p>
        ) : (
          <Table columns={columns} rows={sorted} rowKey={(h) => h.id} rowTestId="contact-hold" rowClassName={(h) => (h.closedAt ? 'row--muted' : undefined)} compact />
        )}
      </>
    );
  };

  const openHolds = state.status === 'success' ? state.data.items.filter((h) => !h.closedAt).length : 0;
  const setFlags = state.status === 'success' ? state.data.flags.length : 0;
  return (
    <Card
      title={t('holds.cardTitle')}
      aside={
        state.status === 'success' && (
          <span className="inline-list">
            {openHolds > 0 && <Badge tone="danger">{t('holds.openCount', { n: openHolds })}</Badge>}
            {setFlags > 0 && <Badge tone="orange">{t('flags.setCount', { n: setFlags })}</Badge>}
          </span>
        )
      }
      testId="contact-holds"
      flush
    >
      {body()}
      {placing && <PlaceHoldDialog customerId={customerId} loans={loans} onClose={() => setPlacing(false)} onSaved={saved(() => setPlacing(false))} />}
      {releasing && <ReleaseHoldDialog customerId={customerId} hold={releasing} onClose={() => setReleasing(null)} onSaved={saved(() => setReleasing(null))} />}
      {intent && (
        <FlagDialog
          customerId={customerId}
          intent={intent}
          onClose={() => setIntent(null)}
          onSaved={() => {
            setIntent(null);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

function FlagDialog({ customerId, intent, onClose, onSaved }: { customerId: string; intent: FlagIntent; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <ReasonDialog
      title={intent.action === 'set' ? t('flags.setTitle') : t('flags.clearTitle')}
      subject={t(`flag.${intent.flag}`)}
      explain={intent.action === 'set' ? t(`flag.${intent.flag}.effect`) : t('flags.clearExplain')}
      placeholder={t('flags.reasonPlaceholder')}
      action={intent.action === 'set' ? t('flags.setAction') : t('flags.clear')}
      reason={reason}
      onReason={setReason}
      submit={() => changeContactFlag(customerId, { flag: intent.flag, action: intent.action, reason: reason.trim() })}
      onClose={onClose}
      onSaved={onSaved}
      testPrefix="flag"
    />
  );
}
