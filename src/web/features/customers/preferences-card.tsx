import type { ContactPreferences } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DescriptionList } from '../../ui/description-list.tsx';
import { EmptyState } from '../../ui/states.tsx';

export function PreferencesCard({ preferences }: { preferences: ContactPreferences | null }) {
  const { t, label } = useI18n();
  const notSet = <span className="muted">{t('prefs.notSet')}</span>;
  return (
    <Card title={t('prefs.title')} testId="preferences">
      {!preferences ? (
        <EmptyState title={t('prefs.empty')} testId="preferences-empty" />
      ) : (
        <DescriptionList
          columns={2}
          items={[
            {
              key: 'quiet',
              label: t('prefs.quietHours'),
              value:
                preferences.quietHoursStart && preferences.quietHoursEnd
                  ? t('prefs.quietHoursValue', { start: preferences.quietHoursStart, end: preferences.quietHoursEnd })
                  : notSet,
              testId: 'prefs-quiet-hours',
            },
            {
              key: 'channels',
              label: t('prefs.preferredChannels'),
              value: preferences.preferredChannels.length ? (
                <span className="inline-list">
                  {preferences.preferredChannels.map((c) => (
                    <Badge key={c}>{label('channel', c)}</Badge>
                  ))}
                </span>
              ) : (
                notSet
              ),
            },
            {
              key: 'visits',
              label: t('prefs.visits'),
              value: preferences.visitOptOut ? (
                <Badge tone="warning" testId="prefs-visit-opt-out">
                  {t('prefs.visitRefused')}
                </Badge>
              ) : (
                <Badge tone="success">{t('prefs.visitAccepted')}</Badge>
              ),
            },
            ...(preferences.visitOptOut
              ? [
                  {
                    key: 'reason',
                    label: t('prefs.visitReason'),
                    value: (
                      <span>
                        {preferences.visitOptOutReason ? t(`optOutReason.${preferences.visitOptOutReason}`) : t('common.none')}
                        {preferences.visitOptOutNote && <span className="muted"> · {preferences.visitOptOutNote}</span>}
                      </span>
                    ),
                    wide: true,
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
