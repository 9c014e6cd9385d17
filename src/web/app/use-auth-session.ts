import { useCallback, useEffect, useState } from 'react';
import { isApiProblem } from '../api/client.ts';

/** The lifecycle every signed-in area shares (staff console, borrower portal), over its own cookie. */
export type AuthSessionState<T> =
  | { status: 'checking' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; value: T }
  | { status: 'error'; error: unknown };

type AuthSessionSource<T> = {
  /** Asks the server who is signed in; a 401 problem means nobody. */
  check: (signal: AbortSignal) => Promise<T>;
  signOut: () => Promise<void>;
  /** Fired by the area's API client when any call is answered 401 (idle timeout, signed out elsewhere). */
  unauthenticatedEvent: string;
};

export function useAuthSession<T>({ check, signOut: endSession, unauthenticatedEvent }: AuthSessionSource<T>) {
  const [state, setState] = useState<AuthSessionState<T>>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'checking' });
    check(controller.signal).then(
      (value) => setState({ status: 'signed-in', value }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiProblem(error) && error.status === 401) setState({ status: 'signed-out', expired: false });
        else setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
    // Re-checking is driven by `attempt` only: `check` may be a fresh closure on every render.
  }, [attempt]);

  useEffect(() => {
    const onUnauthenticated = () => setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', expired: true } : s));
    window.addEventListener(unauthenticatedEvent, onUnauthenticated);
    return () => window.removeEventListener(unauthenticatedEvent, onUnauthenticated);
  }, [unauthenticatedEvent]);

  const signedIn = useCallback((value: T) => setState({ status: 'signed-in', value }), []);
  const signOut = useCallback(async () => {
    try {
      await endSession();
    } finally {
      setState({ status: 'signed-out', expired: false });
    }
  }, []); // the area's sign-out call never changes
  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, signedIn, signOut, recheck };
}
