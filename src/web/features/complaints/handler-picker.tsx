import { listAssignableHandlers } from '../../api/complaints-client.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * The reassignment picker: the complaint handlers and supervisors who can see the complaint (its
 * branch and head office), least loaded first, with their open workload; the current owner is left out.
 */
export function HandlerPicker({ complaintId, currentOwnerId, value, onChange }: { complaintId: string; currentOwnerId: string | null; value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const handlers = useApi(`complaint-handlers:${complaintId}`, (signal) => listAssignableHandlers(complaintId, signal));
  if (handlers.status === 'error') return <ProblemAlert error={handlers.error} onRetry={handlers.reload} testId="complaint-handlers-error" />;
  const options = handlers.status === 'success' ? handlers.data.items.filter((h) => h.id !== currentOwnerId) : [];
  return (
    <label className="field">
      <span className="field__label">{t('complaint.picker.label')}</span>
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)} disabled={handlers.status !== 'success'} data-testid="complaint-reassign-owner">
        <option value="">
          {handlers.status === 'success' ? t(options.length ? 'complaint.picker.choose' : 'complaint.picker.empty') : t('complaint.picker.loading')}
        </option>
        {options.map((h) => (
          <option key={h.id} value={h.id} data-testid="complaint-handler-option">
            {t('complaint.picker.option', {
              name: h.branchId ? h.displayName : `${h.displayName} · ${t('complaint.picker.headOffice')}`,
              role: t(`role.${h.role as 'supervisor'}`),
              n: h.openComplaints,
            })}
          </option>
        ))}
      </select>
    </label>
  );
}
