import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import type { Database } from '../../platform/db/client.ts';
import { createPersonalDataCipher } from '../../platform/crypto/personal-data-cipher.ts';
import { branches } from '../../platform/auth/staff.schema.ts';
import { runImport } from './run-import.ts';
import type { ImportKind, ImportSummary } from './import-types.ts';

/** Shared by the import tests: fixtures, a fixed-key cipher, and the branches/staff imports refer to. */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/imports');
export const cipher = createPersonalDataCipher('0f'.repeat(32));

export const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
export const utf8 = (text: string) => Buffer.from(text, 'utf8');
export const gb18030 = (text: string) => iconv.encode(text, 'gb18030');

export async function importBuffer(database: Database, kind: ImportKind, input: Buffer, opts: { batchSize?: number; fileName?: string } = {}): Promise<ImportSummary> {
  return runImport({ database, cipher, kind, input, fileName: opts.fileName ?? `${kind}.csv`, batchSize: opts.batchSize });
}

/**
 * Branches via Drizzle; staff via plain SQL naming only the columns imports rely on, so these
 * tests do not depend on columns other capabilities add to staff_users.
 */
export async function insertReferenceData(database: Database): Promise<void> {
  await database.db
    .insert(branches)
    .values([
      { id: 'BJ001', nameZh: '北京分行', nameEn: 'Beijing Branch' },
      { id: 'SH001', nameZh: '上海分行', nameEn: 'Shanghai Branch' },
    ])
    .onConflictDoNothing();
  await database.sql.query(
    `INSERT INTO staff_users (employee_code, display_name, role, branch_id)
     VALUES ('E2001', '测试客户经理', 'relationship-manager', 'BJ001'), ('E2002', '测试催收员', 'collector', 'SH001')
     ON CONFLICT (employee_code) DO NOTHING`,
  );
}

/** Reasons by line (their English half), for compact assertions; every reason must be 'English / 中文'. */
export function reasonsByLine(summary: ImportSummary): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const r of summary.rejections) {
    const halves = r.reason.split(' / ');
    if (halves.length !== 2 || !halves[1]) throw new Error(`line ${r.line}: reason is not 'English / 中文': ${r.reason}`);
    (out[r.line] ??= []).push(`${r.column ?? '(row)'}: ${halves[0]}`);
  }
  return out;
}
