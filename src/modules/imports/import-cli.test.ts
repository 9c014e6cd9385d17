import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { EXIT_PROCESSED, EXIT_REFUSED, importCommand } from '../../cli/import.command.ts';
import { cipher, FIXTURES, insertReferenceData } from './imports.test-support.ts';

describeEachDatabase('loandesk import (CLI)', (getDb) => {
  const open = async () => ({ database: getDb(), cipher, close: async () => undefined });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loandesk-import-cli-'));

  beforeAll(async () => {
    await insertReferenceData(getDb());
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('exits 0 for a processed file, even with rejections, and writes every rejection to --report', async () => {
    const report = path.join(tmp, 'rejections.csv');
    const code = await importCommand(open, 'customers', path.join(FIXTURES, 'customers-problems.csv'), { report });
    expect(code).toBe(EXIT_PROCESSED);
    const lines = fs.readFileSync(report, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('line,column,reason,raw_value');
    expect(lines).toHaveLength(1 + 15);
    expect(lines[1]).toBe('3,id_number,has an invalid check digit / 校验位错误,110101198503151234');
    expect(lines).toContain('7,name,looks like a spreadsheet formula / 疑似电子表格公式,=SUM(A1:A9)');
  });

  it('exits 2 when the file is refused, the kind is unknown or the file is missing', async () => {
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, 'external_id,name\nC1,张三\n');
    expect(await importCommand(open, 'customers', bad, {})).toBe(EXIT_REFUSED);
    expect(await importCommand(open, 'widgets', bad, {})).toBe(EXIT_REFUSED);
    expect(await importCommand(open, 'customers', path.join(tmp, 'nope.csv'), {})).toBe(EXIT_REFUSED);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('missing required columns: type, branch_id'));
  });
});
