import { it, expect } from 'vitest';
import fs from 'node:fs';
import { renderPermissionMatrix } from './permission-matrix.ts';

it('docs/permissions.md matches the permission table (run npm run docs:permissions)', () => {
  expect(fs.readFileSync(new URL('../../../docs/permissions.md', import.meta.url), 'utf8')).toBe(renderPermissionMatrix());
});
