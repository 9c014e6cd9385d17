import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiProblem } from '../../api/client.ts';
import { getPortalSession, PORTAL_UNAUTHENTICATED_EVENT, portalSignOut } from '../../api/portal-client.ts';

export type PortalUser = { customerId: string; displayName: string };

export type PortalSessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: PortalUser }
  | { status: 'error'; error: unknown };

type PortalSessionValue = {
  state: PortalSessionState;
  signedIn: (user: PortalUser) => void;
  signOut: () => Promise<void>;
  recheck: () => void;
};

const PortalSessionContext = createContext<PortalSessionValue | null>(null);

/**
 * The borrower's portal session (the ld_portal cookie). Independent of the staff console's: it is
 * checked with /api/portal/auth/session, and a 401 from a portal call ends only this session.
 */
export function PortalSessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<PortalSessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'checking' });
    getPortalSession(controller.signal).then(
      (session) => setState({ status: 'signed-in', user: { customerId: session.customerId, displayName: session.displayName } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiProblem(error) && error.status === 401) setState({ status: 'signed-out', expired: false });
        else setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    const onUnauthenticated = () => setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', expired: true } : s));
    window.addEventListener(PORTAL_UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(PORTAL_UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, []);

  const signedIn = useCallback((user: PortalUser) => setState({ status: 'signed-in', user }), []);
  const signOut = useCallback(async () => {
    try {
      await portalSignOut();
    } finally {
      setState({ status: 'signed-out', expired: false });
    }
  }, []);
  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  const value = useMemo(() => ({ state, signedIn, signOut, recheck }), [state, signedIn, signOut, recheck]);
  return <PortalSessionContext.Provider value={value}>{children}</PortalSessionContext.Provider>;
}

export function usePortalSession(): PortalSessionValue {
  const ctx = useContext(PortalSessionContext);
  if (!ctx) throw new Error('usePortalSession must be used inside <PortalSessionProvider>');
  return ctx;
}
