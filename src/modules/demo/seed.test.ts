import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDatabase, TEST_DATA_KEY } from '../../../test/support/databases.ts';
import { createPersonalDataCipher } from '../../platform/crypto/personal-data-cipher.ts';
import { seedDemoPortfolio } from './seed.ts';
import type { DemoManifest } from './seed.ts';

const cipher = createPersonalDataCipher(TEST_DATA_KEY);

describeEachDatabase('seed demo portfolio', (getDb) => {
  const manifestPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loandesk-demo-')), 'demo', 'manifest.json');

  it('seeds 50 customers through the import pipeline with zero rejections', async () => {
    const events: string[] = [];
    const result = await seedDemoPortfolio({
      database: getDb(), cipher, customers: 50, seed: 2026, asOf: '2026-11-26', manifestPath,
      onProgress: (e) => events.push(e.phase),
    });
    expect(result.seeded).toBe(true);
    if (!result.seeded) return;
    for (const [kind, s] of Object.entries(result.summaries)) {
      expect(s.rejected, `${kind}: ${JSON.stringify(s.rejections.slice(0, 3))}`).toBe(0);
      expect(s.inserted, kind).toBeGreaterThan(0);
    }
    expect(result.summaries.customers.inserted).toBe(50);
    expect(events).toContain('imported');
    expect(events.at(-1)).toBe('done');

    const count = async (table: string) => (await getDb().sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
    expect(await count('branches')).toBe(5);
    const { rows: roles } = await getDb().sql.query<{ branch_id: string; roles: number }>(
      'SELECT branch_id, count(DISTINCT role)::int AS roles FROM staff_users GROUP BY branch_id',
    );
    expect(roles).toHaveLength(5);
    for (const r of roles) expect(r.roles).toBe(7);
    expect(await count('consents')).toBeGreaterThan(50 * 4);
    expect(await count('repayment_allocations')).toBeGreaterThan(0);
    const { rows: [consent] } = await getDb().sql.query<{ servicing: number; collections: number }>(
      `SELECT count(DISTINCT customer_id) FILTER (WHERE purpose = 'servicing')::int AS servicing,
              count(DISTINCT customer_id) FILTER (WHERE purpose = 'collections')::int AS collections FROM consents`,
    );
    expect(consent).toEqual({ servicing: 50, collections: 50 });

    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as DemoManifest;
    expect(manifest).toMatchObject({ seed: 2026, customers: 50, asOf: '2026-11-26' });
    expect(Object.values(manifest.counts).reduce((a, b) => a + b, 0)).toBe(50);
  });

  it('does nothing when the database already has customers', async () => {
    const result = await seedDemoPortfolio({ database: getDb(), cipher, customers: 50, seed: 2026, asOf: '2026-11-26' });
    expect(result).toEqual({ seeded: false, reason: 'already seeded' });
  });
});
