import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { ImportRefusedError } from './import-types.ts';
import { cipher, fixture, gb18030, importBuffer, insertReferenceData, reasonsByLine, utf8 } from './imports.test-support.ts';

describeEachDatabase('import customers', (getDb) => {
  beforeAll(async () => {
    await insertReferenceData(getDb());
  });

  it('imports a valid file; stores resident IDs only encrypted, hashed and masked; derives birth date and gender', async () => {
    const summary = await importBuffer(getDb(), 'customers', fixture('customers.csv'));
    expect(summary).toMatchObject({ kind: 'customers', encoding: 'utf-8', read: 6, inserted: 6, updated: 0, unchanged: 0, rejected: 0, rejections: [] });

    const { rows } = await getDb().sql.query<Record<string, string | null>>(
      `SELECT external_id, type, id_number_ciphertext, id_number_hash, id_number_masked, birth_date::text AS birth_date, gender,
              credit_code, risk_tier, time_zone, preferred_language, relationship_manager_id
         FROM customers ORDER BY external_id`,
    );
    const byId = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    // C002 gave neither birth date nor gender: both come from the ID number (310104 19900701 246 → female).
    expect(byId.C002).toMatchObject({ birth_date: '1990-07-01', gender: 'female', risk_tier: 'medium', time_zone: 'Asia/Shanghai', preferred_language: 'zh-CN' });
    expect(byId.C002!.id_number_masked).toBe('310104********2464');
    expect(cipher.decrypt(byId.C002!.id_number_ciphertext!)).toBe('310104199007012464');
    expect(byId.C002!.id_number_hash).toBe(cipher.searchHash('310104199007012464'));
    // A lower-case check character x is normalised to X before hashing.
    expect(byId.C004!.id_number_hash).toBe(cipher.searchHash('11010519880808100X'));
    expect(byId.C003).toMatchObject({ type: 'enterprise', credit_code: '91330106MA2H3K4L5N', id_number_hash: null, birth_date: null, risk_tier: 'high' });
    expect(byId.C001!.relationship_manager_id).not.toBeNull();
    // No column anywhere holds the plain ID number.
    const { rows: leaks } = await getDb().sql.query(`SELECT 1 FROM customers WHERE row_to_json(customers)::text LIKE '%310104199007012464%'`);
    expect(leaks).toHaveLength(0);
  });

  it('re-importing the same file changes nothing', async () => {
    const { rows: before } = await getDb().sql.query<{ external_id: string; updated_at: string; id_number_ciphertext: string }>(
      'SELECT external_id, updated_at::text, id_number_ciphertext FROM customers ORDER BY external_id',
    );
    const summary = await importBuffer(getDb(), 'customers', fixture('customers.csv'));
    expect(summary).toMatchObject({ read: 6, inserted: 0, updated: 0, unchanged: 6, rejected: 0 });
    const { rows: after } = await getDb().sql.query('SELECT external_id, updated_at::text, id_number_ciphertext FROM customers ORDER BY external_id');
    expect(after).toEqual(before);
  });

  it('updates a changed row and leaves columns absent from the header alone', async () => {
    const csv = 'external_id,type,name,id_number,branch_id\nC001,individual,张伟伟,110101198503151235,BJ001\n';
    const summary = await importBuffer(getDb(), 'customers', utf8(csv));
    expect(summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const { rows } = await getDb().sql.query('SELECT name, occupation, risk_tier, relationship_manager_id IS NOT NULL AS has_rm FROM customers WHERE external_id = $1', ['C001']);
    expect(rows[0]).toEqual({ name: '张伟伟', occupation: '工程师', risk_tier: 'low', has_rm: true });
  });

  it('rejects bad rows with line, column and reason, and imports the rest (half-valid file)', async () => {
    const summary = await importBuffer(getDb(), 'customers', fixture('customers-problems.csv'));
    expect(summary.warnings).toEqual(['ignored unknown columns: remarks']);
    expect(summary).toMatchObject({ read: 18, inserted: 3, rejected: 15 });
    expect(reasonsByLine(summary)).toEqual({
      3: ['id_number: has an invalid check digit'],
      4: ['birth_date: does not match the ID number (1962-05-20)'],
      5: ['gender: does not match the ID number (male)'],
      6: ['credit_code: has an invalid check digit'],
      7: ['name: looks like a spreadsheet formula'],
      8: ['name: is longer than 200 characters'],
      9: ['branch_id: unknown branch'],
      10: ['relationship_manager_code: unknown staff employee code'],
      11: ['external_id: duplicate of line 2 in this file'],
      12: ['birth_date: is not a real calendar date'],
      14: ['type: must be one of individual, enterprise'],
      15: ['credit_code: is required for an enterprise'],
      17: ['credit_code: same credit_code as line 16 in this file'],
      18: ['name: looks like a spreadsheet formula'],
      19: ['(row): row has 15 fields but the header has 16'],
    });
    const long = summary.rejections.find((r) => r.line === 8)!;
    expect(long.rawValue!.length).toBeLessThanOrEqual(201);

    // Every rejection is recorded with the run.
    const { rows: runs } = await getDb().sql.query<{ status: string; read_rows: number; rejected_rows: number; encoding: string; file_sha256: string }>(
      'SELECT status, read_rows, rejected_rows, encoding, file_sha256 FROM import_runs WHERE id = $1',
      [summary.runId],
    );
    expect(runs[0]).toMatchObject({ status: 'completed', read_rows: 18, rejected_rows: 15, encoding: 'utf-8' });
    expect(runs[0]!.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    const { rows: stored } = await getDb().sql.query<{ n: number }>('SELECT count(*)::int AS n FROM import_rejections WHERE run_id = $1', [summary.runId]);
    expect(stored[0]!.n).toBe(summary.rejections.length);
  });

  it('refuses a credit code that already belongs to another customer', async () => {
    const csv = 'external_id,type,name,credit_code,branch_id\nC900,enterprise,另一家公司,91330106MA2H3K4L5N,BJ001\n';
    const summary = await importBuffer(getDb(), 'customers', utf8(csv));
    expect(reasonsByLine(summary)).toEqual({ 2: ['credit_code: already belongs to customer C003'] });
  });

  it('reads GB18030 files (Excel on Chinese Windows) and UTF-8 with a BOM', async () => {
    const text = 'external_id,type,name,id_number,branch_id\r\nC200,individual,黄蓉,330106200002293182,SH001\r\n';
    const gb = await importBuffer(getDb(), 'customers', gb18030(text));
    expect(gb).toMatchObject({ encoding: 'gb18030', inserted: 1, rejected: 0 });
    const bom = await importBuffer(getDb(), 'customers', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text.replace('C200', 'C201'))]));
    expect(bom).toMatchObject({ encoding: 'utf-8', inserted: 1, rejected: 0 });
    const { rows } = await getDb().sql.query('SELECT name FROM customers WHERE external_id IN ($1, $2)', ['C200', 'C201']);
    expect(rows).toEqual([{ name: '黄蓉' }, { name: '黄蓉' }]);
  });

  it('rejects a row whose bytes are not valid in the detected encoding', async () => {
    const header = 'external_id,type,name,id_number,branch_id\n';
    const good = Array.from({ length: 200 }, (_, i) => `G${i},individual,郭靖,330106200002293182,SH001\n`).join('');
    const bad = Buffer.concat([utf8('B1,individual,'), Buffer.from([0xb9, 0xf9]), utf8(',330106200002293182,SH001\n')]);
    const summary = await importBuffer(getDb(), 'customers', Buffer.concat([utf8(header + good), bad]));
    expect(summary).toMatchObject({ encoding: 'utf-8', inserted: 200, rejected: 1 });
    expect(summary.rejections[0]).toMatchObject({ line: 202, column: 'name', reason: 'contains bytes that are not valid text in the file encoding / 包含文件编码下无效的字节' });
  });

  it('reports a row with an unclosed quote at the line it starts on', async () => {
    const csv = 'external_id,type,name,id_number,branch_id\nC300,individual,杨过,330106200002293182,SH001\nC301,individual,"小龙女,330106200002293182,SH001\nC302,individual,郭襄,330106200002293182,SH001\n';
    const summary = await importBuffer(getDb(), 'customers', utf8(csv));
    expect(summary).toMatchObject({ inserted: 1, rejected: 1 });
    expect(summary.rejections[0]).toMatchObject({ line: 3, column: null, reason: expect.stringContaining('never closed; the rest of the file was not read') });
  });

  it('refuses a whole file: missing required columns, UTF-16, empty — and records the run as failed', async () => {
    const missing = importBuffer(getDb(), 'customers', utf8('external_id,name\nC1,张三\n'));
    await expect(missing).rejects.toThrow(ImportRefusedError);
    await expect(missing).rejects.toThrow('missing required columns: type, branch_id');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('external_id,type\n', 'utf16le')]);
    await expect(importBuffer(getDb(), 'customers', utf16)).rejects.toThrow(/UTF-16/);
    await expect(importBuffer(getDb(), 'customers', Buffer.alloc(0))).rejects.toThrow(/empty/);
    const err = await missing.catch((e: ImportRefusedError) => e);
    const { rows } = await getDb().sql.query('SELECT status, failure_message FROM import_runs WHERE id = $1', [err.runId]);
    expect(rows[0]).toMatchObject({ status: 'failed', failure_message: expect.stringContaining('missing required columns') });
  });
});
