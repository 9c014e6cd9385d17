import type { MessageKey } from '../i18n/dictionary.ts';
import { paths } from './router.tsx';

/** A console page a role may open, for the landing choice and the "what you can use" panel. */
export type Destination = { permission: string; path: string; title: MessageKey; hint: MessageKey; testId: string };

/** In the order a user without customer search is sent to them. */
export const DESTINATIONS: readonly Destination[] = [
  { permission: 'users.manage', path: paths.users(), title: 'nav.users', hint: 'landing.users', testId: 'landing-users' },
  { permission: 'imports.read', path: paths.imports(), title: 'nav.imports', hint: 'landing.imports', testId: 'landing-imports' },
  { permission: 'templates.read', path: paths.templates(), title: 'nav.templates', hint: 'landing.templates', testId: 'landing-templates' },
  { permission: 'audit.read', path: paths.audit(), title: 'nav.audit', hint: 'landing.audit', testId: 'landing-audit' },
];

/**
 * Where a user starts after sign-in. A collector's day starts at the work queue and a complaint
 * handler's at the complaints list; everyone else who may search starts at customer search, and a
 * role without it at the first page it opens (an administrator: staff accounts).
 */
export function homePath(user: { role: string; permissions: readonly string[] }): string {
  const { role, permissions } = user;
  if (role === 'collector' && permissions.includes('collections.work')) return paths.collections();
  if (role === 'complaint-handler' && permissions.includes('complaints.read')) return paths.complaints();
  if (permissions.includes('customers.read')) return paths.search();
  return DESTINATIONS.find((d) => permissions.includes(d.permission))?.path ?? paths.search();
}
