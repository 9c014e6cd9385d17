import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BlobTooLargeError, HEAD_BYTES, SHA256_HEX, type EvidenceBlobStore, type StagedBlob } from './blob-store.ts';

export type FileBlobStore = EvidenceBlobStore & {
  readonly root: string;
  pathOf(sha256: string): string;
  /** Removes staging files left by a crash (older than `olderThanMs`); returns how many. */
  sweepStaleStaging(olderThanMs?: number): Promise<number>;
};

/**
 * Evidence on the local filesystem: `<root>/ab/cd/<sha256>`, read-only (0440). Staging files live
 * in `<root>/.staging` — the same filesystem, so publishing is an atomic link/rename and a crash
 * or a failed upload never leaves a partial file under a hash name.
 */
export function createFileBlobStore(root: string): FileBlobStore {
  const staging = path.join(root, '.staging');
  const pathOf = (sha256: string) => {
    if (!SHA256_HEX.test(sha256)) throw new TypeError(`not a SHA-256 hex digest: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const exists = (p: string) => fsp.access(p).then(() => true, () => false);

  async function stage(content: AsyncIterable<Uint8Array>, options: { maxBytes?: number } = {}): Promise<StagedBlob> {
    await fsp.mkdir(staging, { recursive: true, mode: 0o700 });
    const tempPath = path.join(staging, `${randomUUID()}.part`);
    const handle = await fsp.open(tempPath, 'wx', 0o600);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    try {
      for await (const chunk of content) {
        size += chunk.byteLength;
        if (options.maxBytes !== undefined && size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - headLength));
          head.push(part);
          headLength += part.length;
        }
        await handle.write(chunk);
      }
      await handle.sync(); // the bytes are on disk before any database row points at them
    } catch (err) {
      await handle.close().catch(() => undefined);
      await fsp.rm(tempPath, { force: true });
      throw err;
    }
    await handle.close();
    const sha256 = hash.digest('hex');
    let state: 'staged' | 'committed' | 'discarded' = 'staged';
    return {
      sha256,
      size,
      head: Buffer.concat(head),
      async read(position, length) {
        const h = await fsp.open(state === 'committed' ? pathOf(sha256) : tempPath, 'r');
        try {
          const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
          const { bytesRead } = await h.read(buffer, 0, buffer.length, position);
          return buffer.subarray(0, bytesRead);
        } finally {
          await h.close();
        }
      },
      async commit() {
        if (state !== 'staged') throw new Error(`cannot commit a ${state} blob`);
        const finalPath = pathOf(sha256);
        await fsp.mkdir(path.dirname(finalPath), { recursive: true });
        await fsp.chmod(tempPath, 0o440);
        let created = true;
        try {
          // link() fails if the name exists, so an existing blob is never overwritten, even by a
          // concurrent upload of the same bytes.
          await fsp.link(tempPath, finalPath);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EEXIST') created = false;
          else if (await exists(finalPath)) created = false; // filesystems without hard links
          else await fsp.copyFile(tempPath, finalPath, fs.constants.COPYFILE_EXCL);
        }
        await fsp.rm(tempPath, { force: true });
        if (created) await syncDirectory(path.dirname(finalPath));
        state = 'committed';
        return { created };
      },
      async discard() {
        if (state === 'staged') await fsp.rm(tempPath, { force: true });
        if (state !== 'committed') state = 'discarded';
      },
    };
  }

  return {
    root,
    pathOf,
    stage,
    async put(content, options) {
      const staged = await stage(content, options);
      try {
        const { created } = await staged.commit();
        return { sha256: staged.sha256, size: staged.size, created };
      } finally {
        await staged.discard();
      }
    },
    async get(sha256): Promise<Readable | null> {
      const p = pathOf(sha256);
      if (!(await exists(p))) return null;
      return fs.createReadStream(p);
    },
    has: async (sha256) => exists(pathOf(sha256)),
    async size(sha256) {
      const stat = await fsp.stat(pathOf(sha256)).catch(() => null);
      return stat ? stat.size : null;
    },
    async delete(sha256) {
      const p = pathOf(sha256);
      try {
        await fsp.unlink(p);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
      await syncDirectory(path.dirname(p));
      return true;
    },
    async sweepStaleStaging(olderThanMs = 60 * 60 * 1000) {
      const names = await fsp.readdir(staging).catch(() => [] as string[]);
      let removed = 0;
      for (const name of names) {
        const p = path.join(staging, name);
        const stat = await fsp.stat(p).catch(() => null);
        if (stat && Date.now() - stat.mtimeMs > olderThanMs) {
          await fsp.rm(p, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}

/** Makes a link / unlink durable: the directory entry itself must reach the disk. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r').catch(() => null);
  if (!handle) return; // platforms that cannot open a directory (Windows)
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
