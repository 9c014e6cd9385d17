import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { getSession, signOut as apiSignOut, UNAUTHENTICATED_EVENT } from '../api/client.ts';
import { useAuthSession } from './use-auth-session.ts';
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
  const auth = useAuthSession({ check: getSession, signOut: apiSignOut, unauthenticatedEvent: UNAUTHENTICATED_EVENT });
  const { signedIn, signOut, recheck } = auth;
  const state = useMemo<SessionState>(
    () => (auth.state.status === 'signed-in' ? { status: 'signed-in', session: auth.state.value } : auth.state),
    [auth.state],
  );

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
