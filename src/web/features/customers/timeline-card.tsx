import type { TimelineEntry } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { Money } from '../../ui/money.tsx';
import { EmptyState } from '../../ui/states.tsx';

const moduleTone: Record<string, Tone> = {
  loans: 'info',
  collections: 'orange',
  complaints: 'danger',
  visits: 'success',
  escalations: 'critical',
  fraud: 'critical',
  communications: 'neutral',
};

/** Every workflow's events on one customer, newest first. */
export function TimelineCard({ entries }: { entries: TimelineEntry[] }) {
  const { t, locale, label } = useI18n();
  const sorted = [...entries].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
  return (
    <Card title={t('tab.timeline')} testId="timeline" flush>
      {sorted.length === 0 ? (
        <EmptyState title={t('timeline.empty')} testId="timeline-empty" />
      ) : (
        <ol className="timeline">
          {sorted.map((e, i) => (
            <li key={`${e.occurredAt}-${e.kind}-${e.refId ?? i}`} className="timeline__item" data-testid="timeline-entry">
              <span className={`timeline__dot tone--${moduleTone[e.module] ?? 'neutral'}`} aria-hidden="true" />
              <div className="timeline__when">
                <DateText instant={e.occurredAt} />
              </div>
              <div className="timeline__module">
                <Badge tone={moduleTone[e.module] ?? 'neutral'}>{label('module', e.module)}</Badge>
              </div>
              <div className="timeline__summary" data-testid="timeline-summary">
                {locale === 'zh-CN' ? e.summaryZh : e.summaryEn}
              </div>
              <div className="timeline__amount">{e.amountFen !== null && <Money fen={e.amountFen} />}</div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
