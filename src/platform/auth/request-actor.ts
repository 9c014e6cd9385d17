import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import type { Actor } from './actor.ts';
import { unauthenticated } from './auth-middleware.ts';

/** The signed-in actor of a request; routes behind secureRoute always have one. */
export function getActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw unauthenticated();
  return actor;
}

export function getStaffActor(c: Context<AppEnv>): Extract<Actor, { kind: 'staff' }> {
  const actor = getActor(c);
  if (actor.kind !== 'staff') throw unauthenticated();
  return actor;
}

export const getRequestId = (c: Context<AppEnv>) => c.get('requestId');
