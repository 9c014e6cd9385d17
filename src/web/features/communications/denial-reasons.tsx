import type { ReactNode } from 'react';
import type { ComplianceDenial } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Alert } from '../../ui/states.tsx';
import { ZonedInstant } from './zoned-time.tsx';

/**
 * Every reason the compliance engine gave, in the user's language, each with the regulation or
 * policy it comes from (so an agent can explain it, and a reviewer can check it).
 */
export function DenialReasons({ denials, compact }: { denials: ComplianceDenial[]; compact?: boolean }) {
  const { t, locale, label } = useI18n();
  return (
    <ul className={compact ? 'reasons reasons--compact' : 'reasons'} data-testid="denial-reasons">
      {denials.map((d, i) => (
        <li key={`${d.rule}-${i}`} className="reason" data-testid="denial-reason" data-rule={d.rule}>
          <span className="reason__head">
            <Badge tone={d.allowedFrom ? 'warning' : 'danger'}>{label('rule', d.rule)}</Badge>
            {d.overridable && <span className="hint-chip">{t('refusal.overridable')}</span>}
          </span>
          <span className="reason__message" data-testid="denial-message">
            {locale === 'zh-CN' ? d.messageZh : d.messageEn}
          </span>
          {d.phrases && d.phrases.length > 0 && (
            <span className="reason__phrases">
              {d.phrases.map((p) => (
                <mark key={p} className="wording-mark" data-testid="wording-phrase">
                  {p}
                </mark>
              ))}
            </span>
          )}
          <span className="reason__source" data-testid="denial-source">
            {t('refusal.source')} {d.source}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** When the contact would be allowed: an instant (Beijing, and local when different), or "not by waiting". */
export function EarliestAllowed({ at, zones, relativeTo, testId = 'earliest-allowed' }: { at: string | null; zones?: string[]; relativeTo?: string; testId?: string }) {
  const { t } = useI18n();
  if (!at) {
    return (
      <span className="muted small" data-testid={testId} data-instant="">
        {t('refusal.needsChange')}
      </span>
    );
  }
  return (
    <span data-testid={testId} data-instant={at}>
      <ZonedInstant instant={at} zones={zones} relativeTo={relativeTo} testId={`${testId}-time`} />
    </span>
  );
}

/** A refused contact as the engine explained it: every reason and the earliest allowed time. */
export function RefusalAlert({
  title,
  denials,
  earliestAllowedAt,
  zones,
  relativeTo,
  testId = 'refusal',
  children,
}: {
  title: string;
  denials: ComplianceDenial[];
  earliestAllowedAt: string | null;
  zones?: string[];
  relativeTo?: string;
  testId?: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Alert tone="danger" title={title} testId={testId}>
      <DenialReasons denials={denials} />
      <p className="refusal__earliest">
        <span className="refusal__earliest-label">{t('refusal.earliest')}</span> <EarliestAllowed at={earliestAllowedAt} zones={zones} relativeTo={relativeTo} />
      </p>
      <p className="muted small">{t('refusal.stored')}</p>
      {children}
    </Alert>
  );
}
