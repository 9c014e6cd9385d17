import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createFileBlobStore, type FileBlobStore } from './file-blob-store.ts';
import { BlobTooLargeError } from './blob-store.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function* chunks(...parts: Buffer[]) {
  yield* parts;
}
async function* failingAfter(part: Buffer) {
  yield part;
  throw new Error('connection reset by peer');
}
const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name)) : [];
const read = async (s: NodeJS.ReadableStream) => {
  const out: Buffer[] = [];
  for await (const c of s) out.push(Buffer.from(c as Buffer));
  return Buffer.concat(out);
};

describe('createFileBlobStore', () => {
  let root: string;
  let store: FileBlobStore;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'loandesk-blobs-'));
    store = createFileBlobStore(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores content under ab/cd/<sha256>, read-only, and reads it back', async () => {
    const content = Buffer.from('借款合同 第一页');
    const put = await store.put(chunks(content.subarray(0, 5), content.subarray(5)));
    expect(put).toEqual({ sha256: sha(content), size: content.length, created: true });
    const file = path.join(root, put.sha256.slice(0, 2), put.sha256.slice(2, 4), put.sha256);
    expect(store.pathOf(put.sha256)).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o440);
    expect(await read((await store.get(put.sha256))!)).toEqual(content);
    expect(await store.has(put.sha256)).toBe(true);
    expect(await store.size(put.sha256)).toBe(content.length);
    expect(filesUnder(root)).toEqual([file]);
  });

  it('never overwrites: the same content again reports created=false and keeps the original file', async () => {
    const content = Buffer.from('same bytes');
    const first = await store.put(chunks(content));
    const inode = fs.statSync(store.pathOf(first.sha256)).ino;
    const second = await store.put(chunks(content));
    expect(second).toMatchObject({ sha256: first.sha256, created: false });
    expect(fs.statSync(store.pathOf(first.sha256)).ino).toBe(inode);
    expect(filesUnder(root)).toHaveLength(1);
  });

  it('publishes nothing until commit, and discard leaves no staging file', async () => {
    const staged = await store.stage(chunks(Buffer.from('%PDF-1.4 draft')));
    expect(Buffer.from(staged.head).toString()).toBe('%PDF-1.4 draft');
    expect(Buffer.from(await staged.read(5, 3)).toString()).toBe('1.4');
    expect(await store.has(staged.sha256)).toBe(false);
    await staged.discard();
    await staged.discard();
    expect(filesUnder(root)).toEqual([]);
  });

  it('leaves nothing behind when the source stream fails half-way', async () => {
    await expect(store.stage(failingAfter(Buffer.alloc(100_000, 1)))).rejects.toThrow('connection reset');
    expect(filesUnder(root)).toEqual([]);
  });

  it('enforces the size limit while streaming and leaves nothing behind', async () => {
    await expect(store.put(chunks(Buffer.alloc(600), Buffer.alloc(600)), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(filesUnder(root)).toEqual([]);
    expect(await store.put(chunks(Buffer.alloc(1000)), { maxBytes: 1000 })).toMatchObject({ size: 1000 });
  });

  it('deletes (retention) and refuses names that are not hashes', async () => {
    const { sha256 } = await store.put(chunks(Buffer.from('x')));
    expect(await store.delete(sha256)).toBe(true);
    expect(await store.delete(sha256)).toBe(false);
    expect(await store.get(sha256)).toBeNull();
    await expect(store.has('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
  });

  it('sweeps staging files a crash left behind', async () => {
    fs.mkdirSync(path.join(root, '.staging'), { recursive: true });
    const stale = path.join(root, '.staging', 'crashed.part');
    fs.writeFileSync(stale, 'partial');
    fs.utimesSync(stale, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    expect(await store.sweepStaleStaging()).toBe(1);
    expect(filesUnder(root)).toEqual([]);
  });
});
