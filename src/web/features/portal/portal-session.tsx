import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useAuthSession } from '../../app/use-auth-session.ts';
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
  const auth = useAuthSession<PortalUser>({
    check: async (signal) => {
      const session = await getPortalSession(signal);
      return { customerId: session.customerId, displayName: session.displayName };
    },
    signOut: portalSignOut,
    unauthenticatedEvent: PORTAL_UNAUTHENTICATED_EVENT,
  });
  const { signedIn, signOut, recheck } = auth;
  const state = useMemo<PortalSessionState>(
    () => (auth.state.status === 'signed-in' ? { status: 'signed-in', user: auth.state.value } : auth.state),
    [auth.state],
  );
  const value = useMemo(() => ({ state, signedIn, signOut, recheck }), [state, signedIn, signOut, recheck]);
  return <PortalSessionContext.Provider value={value}>{children}</PortalSessionContext.Provider>;
}

export function usePortalSession(): PortalSessionValue {
  const ctx = useContext(PortalSessionContext);
  if (!ctx) throw new Error('usePortalSession must be used inside <PortalSessionProvider>');
  return ctx;
}
