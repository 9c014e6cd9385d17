import { Fragment, useState } from 'react';
import type { AuditEvent } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { instantSecondsText } from '../../ui/date-text.tsx';
import { shortId } from './audit-filter.ts';
import { JsonBlock, JsonValue } from './json-value.tsx';

type Diff = Record<string, { from: unknown; to: unknown }>;

function asDiff(value: unknown): Diff {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Diff) : {};
}

const actorTone: Record<string, Tone> = { staff: 'info', borrower: 'success', system: 'neutral' };

/**
 * Audit events newest first; a row expands to the field-by-field change, the full before/after
 * states and the chain fields (sequence, hashes, request id). Actor and entity ids are buttons that
 * narrow the filters to them.
 */
export function AuditEventsTable({ events, onFilter }: { events: AuditEvent[]; onFilter: (patch: { actor?: string; entityType?: string; entityId?: string }) => void }) {
  const { t, label } = useI18n();
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.session.user : null;
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="table-wrap">
      <table className="table table--compact audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col" style={{ width: '11.5rem' }}>{t('audit.col.time')}</th>
            <th scope="col">{t('audit.col.actor')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.entity')}</th>
            <th scope="col">{t('audit.col.reason')}</th>
            <th scope="col" className="cell--right">{t('audit.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const diff = asDiff(e.diff);
            const changed = Object.keys(diff);
            const expanded = open.has(e.id);
            const isMe = me !== null && e.actorId === `staff:${me.id}`;
            return (
              <Fragment key={e.id}>
                <tr className={expanded ? 'audit-row audit-row--open' : 'audit-row'} data-testid="audit-row" data-action={e.action} data-seq={e.seq}>
                  <td className="cell--nowrap">
                    <time dateTime={e.occurredAt} className="date" data-testid="audit-time">
                      {instantSecondsText(e.occurredAt)}
                    </time>
                  </td>
                  <td>
                    <div className="audit-cell">
                      <span className="inline-list">
                        <Badge tone={actorTone[e.actorKind] ?? 'neutral'}>{e.actorRole ? label('role', e.actorRole) : label('actorKind', e.actorKind)}</Badge>
                        {isMe && <span className="small">{me.displayName}</span>}
                      </span>
                      <button
                        type="button"
                        className="button--link audit-id"
                        title={`${t('audit.onlyActor')}: ${e.actorId}`}
                        onClick={() => onFilter({ actor: e.actorId })}
                        data-testid="audit-actor"
                        data-actor={e.actorId}
                      >
                        {shortId(e.actorId)}
                      </button>
                    </div>
                  </td>
                  <td>
                    <div className="audit-cell">
                      <span className="audit-action" data-testid="audit-action-label">{label('auditAction', e.action)}</span>
                      <span className="audit-code" data-testid="audit-action">{e.action}</span>
                    </div>
                  </td>
                  <td>
                    <div className="audit-cell">
                      <span>{label('entityType', e.entityType)}</span>
                      <button
                        type="button"
                        className="button--link audit-id"
                        title={`${t('audit.onlyEntity')}: ${e.entityType} ${e.entityId}`}
                        onClick={() => onFilter({ entityType: e.entityType, entityId: e.entityId })}
                        data-testid="audit-entity"
                      >
                        {shortId(e.entityId)}
                      </button>
                    </div>
                  </td>
                  <td className="audit-reason" data-testid="audit-reason">
                    {e.reason ?? <span className="muted">{t('audit.noReason')}</span>}
                  </td>
                  <td className="cell--right cell--nowrap">
                    <button type="button" className="button button--small button--secondary" aria-expanded={expanded} onClick={() => toggle(e.id)} data-testid="audit-expand">
                      {expanded ? t('audit.collapse') : t('audit.expand')}
                      {changed.length > 0 && <span className="tabs__count">{changed.length}</span>}
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="audit-detail" data-testid="audit-detail">
                    <td colSpan={6}>
                      <AuditEventDetail event={e} diff={diff} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AuditEventDetail({ event, diff }: { event: AuditEvent; diff: Diff }) {
  const { t } = useI18n();
  const keys = Object.keys(diff);
  return (
    <div className="audit-detail__body">
      <section className="audit-detail__diff">
        <h3 className="audit-detail__title">{t('audit.diff.title')}</h3>
        {keys.length === 0 ? (
          <p className="muted small">{t('audit.diff.none')}</p>
        ) : (
          <table className="table table--compact diff-table" data-testid="audit-diff">
            <thead>
              <tr>
                <th scope="col">{t('audit.diff.field')}</th>
                <th scope="col">{t('audit.diff.before')}</th>
                <th scope="col">{t('audit.diff.after')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k} data-testid="audit-diff-row">
                  <th scope="row" className="diff-table__key">{k}</th>
                  <td className="diff-table__from">
                    <JsonValue value={diff[k]!.from} />
                  </td>
                  <td className="diff-table__to">
                    <JsonValue value={diff[k]!.to} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="audit-detail__states">
        <div>
          <h3 className="audit-detail__title">{t('audit.before')}</h3>
          <JsonBlock value={event.before} />
        </div>
        <div>
          <h3 className="audit-detail__title">{t('audit.after')}</h3>
          <JsonBlock value={event.after} />
        </div>
      </section>
      <dl className="audit-detail__meta">
        <div>
          <dt>{t('audit.seq')}</dt>
          <dd className="ident">{event.seq}</dd>
        </div>
        <div>
          <dt>{t('audit.eventId')}</dt>
          <dd className="hash">{event.id}</dd>
        </div>
        <div>
          <dt>{t('audit.col.actor')}</dt>
          <dd className="hash">{event.actorId}</dd>
        </div>
        <div>
          <dt>{t('audit.col.entity')}</dt>
          <dd className="hash">
            {event.entityType} · {event.entityId}
          </dd>
        </div>
        <div>
          <dt>{t('audit.requestId')}</dt>
          <dd className="hash">{event.requestId ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('audit.hash')}</dt>
          <dd className="hash" data-testid="audit-hash">{event.hash}</dd>
        </div>
        <div>
          <dt>{t('audit.prevHash')}</dt>
          <dd className="hash">{event.prevHash}</dd>
        </div>
      </dl>
    </div>
  );
}
