import type { Actor } from '../auth/actor.ts';

/** Per-request values set by middleware; routes read them with c.get(…). */
export type AppEnv = {
  Variables: {
    requestId: string;
    /** Absent on public routes (health, login). */
    actor?: Actor;
    session?: { id: string; csrfToken: string; kind: 'staff' | 'borrower' };
  };
};
