import fs from 'node:fs';
import { renderPermissionMatrix } from '../src/platform/auth/permission-matrix.ts';

fs.writeFileSync(new URL('../docs/permissions.md', import.meta.url), renderPermissionMatrix());
console.log('wrote docs/permissions.md');
