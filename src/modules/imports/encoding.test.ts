import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decide, EncodingRefusal, openDecodedText } from './encoding.ts';

async function decodeAll(bytes: Buffer, chunkSize = 7) {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const { encoding, text } = await openDecodedText(chunks());
  let out = '';
  for await (const t of text) out += t;
  return { encoding, out };
}

describe('encoding detection', () => {
  const sample = 'external_id,name\nC1,张伟\nC2,李娜\n';

  it('reads UTF-8 without BOM', async () => {
    expect(await decodeAll(Buffer.from(sample))).toEqual({ encoding: 'utf-8', out: sample });
  });

  it('strips a UTF-8 BOM', async () => {
    expect(await decodeAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]))).toEqual({ encoding: 'utf-8', out: sample });
  });

  it('recognises GB18030 (Excel on Chinese Windows) and decodes it, across chunk boundaries', async () => {
    expect(await decodeAll(iconv.encode(sample, 'gb18030'), 3)).toEqual({ encoding: 'gb18030', out: sample });
  });

  it('treats an all-ASCII file as UTF-8', async () => {
    expect((await decodeAll(Buffer.from('a,b\n1,2\n'))).encoding).toBe('utf-8');
  });

  it('refuses UTF-16 and binary files with a clear message', () => {
    expect(() => decide(Buffer.from([0xff, 0xfe, 0x61, 0x00]), true)).toThrow(/UTF-16/);
    expect(() => decide(Buffer.from('a\u0000b,c'), true)).toThrow(EncodingRefusal);
  });

  it('keeps invalid bytes past the sniffed window visible as U+FFFD so the row can be rejected', async () => {
    const valid = 'a,b\n' + '1,张伟\n'.repeat(2000); // > 4 KiB of valid UTF-8 after the first non-ASCII byte
    const bytes = Buffer.concat([Buffer.from(valid), Buffer.from([0x32, 0x2c, 0xff, 0x0a])]);
    const { encoding, out } = await decodeAll(bytes);
    expect(encoding).toBe('utf-8');
    expect(out).toContain('\uFFFD');
  });
});
