import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { Database } from '../platform/db/client.ts';
import type { PersonalDataCipher } from '../platform/crypto/personal-data-cipher.ts';
import { runImport } from '../modules/imports/run-import.ts';
import { IMPORT_KINDS, type ImportKind } from '../modules/imports/imports.schema.ts';
import { ImportRefusedError, type ImportProgress, type ImportSummary } from '../modules/imports/import-types.ts';

export type CliApp = { database: Database; cipher: PersonalDataCipher; close: () => Promise<void> };

/** Exit codes: 0 = file processed (rejected rows are listed, not an error), 2 = file refused as a whole. */
export const EXIT_PROCESSED = 0;
export const EXIT_REFUSED = 2;

const SHOWN_REJECTIONS = 20;
const PLAIN_PROGRESS_EVERY_MS = 2000;

export function registerImportCommand(program: Command, openApp: () => Promise<CliApp>): void {
  program
    .command('import')
    .description('Import a CSV file from the core banking system (UTF-8 with/without BOM, or GB18030). See docs/import-formats.md.')
    .argument('<kind>', IMPORT_KINDS.join('|'))
    .argument('<file>', 'the CSV file, header row first')
    .option('--report <file>', 'write every rejected row (line, column, reason, raw value) to this CSV file')
    .option('--batch-size <rows>', 'rows per database transaction', (v) => Number.parseInt(v, 10), 5000)
    .action(async (kind: string, file: string, opts: { report?: string; batchSize: number }) => {
      process.exitCode = await importCommand(openApp, kind, file, opts);
    });
}

export async function importCommand(
  openApp: () => Promise<CliApp>,
  kind: string,
  file: string,
  opts: { report?: string; batchSize?: number },
): Promise<number> {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    console.error(`Refused: unknown import kind "${kind}" (expected one of ${IMPORT_KINDS.join(', ')})`);
    return EXIT_REFUSED;
  }
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    console.error(`Refused: cannot read ${file}`);
    return EXIT_REFUSED;
  }
  const app = await openApp();
  const progress = createProgressReporter(size);
  try {
    const summary = await runImport({
      database: app.database,
      cipher: app.cipher,
      kind: kind as ImportKind,
      input: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
      fileName: path.basename(file),
      totalBytes: size,
      batchSize: opts.batchSize,
      onProgress: progress.update,
    });
    progress.stop();
    printSummary(summary);
    if (opts.report) {
      const written = await writeRejectionReport(app.database, summary.runId, opts.report);
      console.log(`Wrote ${written} rejection(s) to ${opts.report}`);
    }
    return EXIT_PROCESSED;
  } catch (err) {
    progress.stop();
    if (err instanceof ImportRefusedError) {
      console.error(`Refused: ${err.userMessage.en}\n拒绝导入：${err.userMessage.zh}`);
      return EXIT_REFUSED;
    }
    throw err;
  } finally {
    await app.close();
  }
}

/** A bar by bytes on a terminal; a plain line every couple of seconds in logs and CI. */
function createProgressReporter(totalBytes: number) {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'importing [{bar}] {percentage}% | {rows} rows | {rejected} rejected | {eta_formatted} left', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rejected: 0 });
    return {
      update: (p: ImportProgress) => bar.update(Math.min(p.bytesRead, totalBytes), { rows: fmt(p.read), rejected: fmt(p.rejected) }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  const started = Date.now();
  return {
    update: (p: ImportProgress) => {
      const now = Date.now();
      if (now - last < PLAIN_PROGRESS_EVERY_MS) return;
      last = now;
      const pct = totalBytes > 0 ? Math.floor((100 * p.bytesRead) / totalBytes) : 100;
      const rate = Math.round(p.read / Math.max(0.001, (now - started) / 1000));
      console.log(`importing: ${pct}% of bytes, ${fmt(p.read)} rows read (${fmt(rate)}/s), ${fmt(p.rejected)} rejected`);
    },
    stop: () => undefined,
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function printSummary(s: ImportSummary): void {
  console.log(`\n${s.kind}: ${s.fileName} (${s.encoding}) in ${(s.durationMs / 1000).toFixed(1)} s, run ${s.runId}`);
  console.log(
    `  read ${fmt(s.read)}  inserted ${fmt(s.inserted)}  updated ${fmt(s.updated)}  unchanged ${fmt(s.unchanged)}  rejected ${fmt(s.rejected)}`,
  );
  for (const w of s.warnings) console.log(`  warning: ${w}`);
  if (s.rejections.length > 0) {
    console.log(`  first rejections:`);
    for (const r of s.rejections.slice(0, SHOWN_REJECTIONS)) {
      const raw = r.rawValue === null ? '' : `  [${r.rawValue}]`;
      console.log(`    line ${r.line}${r.column ? ` ${r.column}` : ''}: ${r.reason}${raw}`);
    }
    if (s.rejected > SHOWN_REJECTIONS) console.log(`    … use --report FILE.csv for all of them`);
  }
}

const csvField = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Every rejection of the run from import_rejections, in line order, paged so memory stays flat. */
export async function writeRejectionReport(database: Database, runId: string, file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = (text: string) => new Promise<void>((resolve, reject) => out.write(text, (e) => (e ? reject(e) : resolve())));
  await write('line,column,reason,raw_value\n');
  let written = 0;
  let after = { line: -1, id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const { rows } = await database.sql.query<{ id: string; line: number; column: string | null; reason: string; raw_value: string | null }>(
      `SELECT id, line, "column", reason, raw_value FROM import_rejections
        WHERE run_id = $1 AND (line, id) > ($2, $3::uuid) ORDER BY line, id LIMIT 5000`,
      [runId, after.line, after.id],
    );
    if (rows.length === 0) break;
    await write(rows.map((r) => [r.line, r.column, r.reason, r.raw_value].map(csvField).join(',')).join('\n') + '\n');
    written += rows.length;
    const lastRow = rows[rows.length - 1]!;
    after = { line: lastRow.line, id: lastRow.id };
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return written;
}
