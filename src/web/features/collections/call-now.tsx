import type { CollectionQueueItem } from '../../api/collections-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { EarliestAllowed } from '../communications/denial-reasons.tsx';

/** The compliance engine's answer for an agent call now: yes (by phone), or why not and from when. */
export function CallNow({ check, compact }: { check: CollectionQueueItem['callNow'] | null; compact?: boolean }) {
  const { t, locale } = useI18n();
  if (!check) return <span className="muted">—</span>;
  if (check.allowed) {
    return (
      <span className="inline-list" data-testid="call-now" data-allowed="true">
        <Badge tone="success">{t('collections.callNow.yes')}</Badge>
        {!compact && <span className="muted small">{t('collections.callNow.channel')}</span>}
      </span>
    );
  }
  const reasons = check.denials.map((d) => (locale === 'en' ? d.messageEn : d.messageZh));
  return (
    <span className="stack stack--tight" data-testid="call-now" data-allowed="false">
      <span className="inline-list">
        <Badge tone="danger" title={reasons.join('\n')}>
          {t('collections.callNow.no')}
        </Badge>
        <span className="small">
          {t('collections.callNow.from')} <EarliestAllowed at={check.earliestAllowedAt} testId="call-now-earliest" />
        </span>
      </span>
      {!compact && reasons.map((r) => <span key={r} className="muted small">{r}</span>)}
    </span>
  );
}
