import { useState } from 'react';
import { verifyAuditChain } from '../../api/client.ts';
import type { AuditVerification } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/states.tsx';

type VerifyState = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: AuditVerification } | { status: 'error'; error: unknown };

/** Recomputes every hash of the chain on the server, and says whether it is intact or where it first breaks. */
export function useAuditVerification() {
  const [state, setState] = useState<VerifyState>({ status: 'idle' });
  const run = async () => {
    setState({ status: 'running' });
    try {
      setState({ status: 'done', result: await verifyAuditChain() });
    } catch (error) {
      setState({ status: 'error', error });
    }
  };
  return { state, run };
}

export function AuditVerificationResult({ state, onRetry }: { state: VerifyState; onRetry: () => void }) {
  const { t } = useI18n();
  if (state.status === 'idle') return null;
  if (state.status === 'running') return <Alert tone="info" title={t('audit.verifying')} testId="audit-verify-running" />;
  if (state.status === 'error') return <ProblemAlert error={state.error} onRetry={onRetry} testId="audit-verify-error" />;
  const r = state.result;
  if (r.ok) {
    return (
      <Alert tone="success" title={t('audit.verifyOk', { n: r.events })} testId="audit-verify-ok">
        <span className="muted">{t('audit.verifyOkDetail', { seq: r.lastSeq })} </span>
        <code className="hash" data-testid="audit-verify-last-hash">
          {r.lastHash}
        </code>
      </Alert>
    );
  }
  return (
    <Alert tone="danger" title={t('audit.verifyBroken', { seq: r.firstBrokenSeq, problem: t(`audit.problem.${r.problem}`), n: r.eventsChecked })} testId="audit-verify-broken">
      <span className="alert__detail">{r.detail}</span>
    </Alert>
  );
}
