import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getSession, isApiProblem, signOut as apiSignOut, UNAUTHENTICATED_EVENT } from '../api/client.ts';
import type { SessionInfo } from '../api/types.ts';

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; session: SessionInfo }
  | { status: 'error'; error: unknown };

type SessionContextValue = {
  state: SessionState;
  /** After a successful POST /api/auth/login. */
  signedIn: (session: SessionInfo) => void;
  signOut: () => Promise<void>;
  recheck: () => void;
  /** Whether the signed-in user's role grants `permission` (UI hints only; the API enforces). */
  can: (permission: string) => boolean;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'checking' });
    getSession(controller.signal).then(
      (session) => setState({ status: 'signed-in', session }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiProblem(error) && error.status === 401) setState({ status: 'signed-out', expired: false });
        else setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  // Any API call answered 401 means the session ended (idle timeout, signed out elsewhere).
  useEffect(() => {
    const onUnauthenticated = () => setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', expired: true } : s));
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, []);

  const signedIn = useCallback((session: SessionInfo) => setState({ status: 'signed-in', session }), []);
  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      setState({ status: 'signed-out', expired: false });
    }
  }, []);
  const recheck = useCallback(() => setAttempt((n) => n + 1), []);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signedIn,
      signOut,
      recheck,
      can: (permission) => state.status === 'signed-in' && state.session.user.permissions.includes(permission),
    }),
    [state, signedIn, signOut, recheck],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}
