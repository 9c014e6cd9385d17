import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { boundaryOf, readMultipart, MultipartError } from './multipart-stream.ts';

async function* chunked(bytes: Buffer, sizes: number[]) {
  let p = 0;
  for (let i = 0; p < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    yield bytes.subarray(p, p + n);
    p += n;
  }
}

async function collect(source: AsyncIterable<Uint8Array>, boundary: string) {
  const parts: Array<{ name: string; filename: string | null; contentType: string | null; body: Buffer }> = [];
  for await (const part of readMultipart(source, boundary)) {
    const chunks: Buffer[] = [];
    for await (const c of part.body) chunks.push(Buffer.from(c));
    parts.push({ name: part.name, filename: part.filename, contentType: part.contentType, body: Buffer.concat(chunks) });
  }
  return parts;
}

describe('readMultipart', () => {
  it('reads what the platform FormData serialiser sends, Chinese file names included', async () => {
    const form = new FormData();
    form.append('kind', 'contract');
    form.append('file', new Blob([Buffer.from('%PDF-1.7 binary \r\n--not-a-boundary\r\n')], { type: 'application/pdf' }), '借款合同 "终版".pdf');
    form.append('links', 'customer:c1');
    form.append('links', 'loan:l1');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const boundary = boundaryOf(req.headers.get('content-type')!)!;
    const parts = await collect(chunked(Buffer.from(await req.arrayBuffer()), [7]), boundary);
    expect(parts.map((p) => [p.name, p.filename])).toEqual([['kind', null], ['file', '借款合同 "终版".pdf'], ['links', null], ['links', null]]);
    expect(parts[1]!.body.toString('latin1')).toBe('%PDF-1.7 binary \r\n--not-a-boundary\r\n');
    expect(parts[1]!.contentType).toBe('application/pdf');
    expect(parts[3]!.body.toString()).toBe('loan:l1');
  });

  it('prefers an RFC 5987 filename* and tolerates a preamble', async () => {
    const body = Buffer.from(
      'ignored preamble\r\n--b1\r\nContent-Disposition: form-data; name="file"; filename="a.txt"; filename*=UTF-8\'\'%E5%90%88%E5%90%8C.txt\r\n\r\nhello\r\n--b1--\r\nepilogue',
    );
    expect(await collect(chunked(body, [3]), 'b1')).toMatchObject([{ name: 'file', filename: '合同.txt', body: Buffer.from('hello') }]);
  });

  it('finds boundaries split across any chunking, with binary content', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }), async (content, sizes) => {
        const body = Buffer.concat([
          Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="f"; filename="x.bin"\r\n\r\n'),
          content,
          Buffer.from('\r\n--XyZ\r\nContent-Disposition: form-data; name="t"\r\n\r\nv\r\n--XyZ--\r\n'),
        ]);
        const parts = await collect(chunked(body, sizes), 'XyZ');
        expect(parts.map((p) => p.name)).toEqual(['f', 't']);
        expect(parts[0]!.body.equals(Buffer.from(content))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('fails on a body that stops before the closing boundary', async () => {
    const body = Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 half');
    await expect(collect(chunked(body, [5]), 'b')).rejects.toBeInstanceOf(MultipartError);
  });

  it('skips a part body the consumer did not read', async () => {
    const body = Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nAAAA\r\n--b\r\nContent-Disposition: form-data; name="b"\r\n\r\nBB\r\n--b--');
    const names: string[] = [];
    for await (const part of readMultipart(chunked(body, [4]), 'b')) names.push(part.name);
    expect(names).toEqual(['a', 'b']);
  });

  it('parses the boundary from the content type', () => {
    expect(boundaryOf('multipart/form-data; boundary=----WebKitFormBoundaryabc')).toBe('----WebKitFormBoundaryabc');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
  });
});
