import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../platform/auth/permissions.ts';
import { STAFF_ROLES } from '../../platform/auth/staff.schema.ts';
import { homePath } from './landing.ts';

describe('where each role starts after sign-in', () => {
  const starts = Object.fromEntries(STAFF_ROLES.map((role) => [role, homePath({ role, permissions: ROLE_PERMISSIONS[role] })]));

  it('sends collectors to their work queue and complaint handlers to the complaints list', () => {
    expect(starts).toEqual({
      administrator: '/admin/users',
      supervisor: '/',
      collector: '/collections',
      'relationship-manager': '/',
      'complaint-handler': '/complaints',
      'risk-officer': '/',
      'compliance-auditor': '/',
    });
  });

  it('falls back to customer search when a role lacks its usual page', () => {
    expect(homePath({ role: 'collector', permissions: ['customers.read'] })).toBe('/');
    expect(homePath({ role: 'complaint-handler', permissions: ['customers.read'] })).toBe('/');
  });
});
