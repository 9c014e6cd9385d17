/**
 * A streaming multipart/form-data reader (RFC 7578). Hono's parseBody() and Request.formData()
 * buffer the whole body in memory; evidence uploads are up to tens of MiB, so the file part is
 * handed on as a stream (to the blob store, which hashes and writes it) and only small text fields
 * are held in memory.
 */
export type MultipartPart = {
  name: string;
  /** Present for file parts. */
  filename: string | null;
  contentType: string | null;
  body: AsyncIterable<Uint8Array>;
};

export class MultipartError extends Error {}

export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2])! : null;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export async function* readMultipart(
  source: AsyncIterable<Uint8Array>,
  boundary: string,
  limits: { maxParts?: number; maxHeaderBytes?: number } = {},
): AsyncGenerator<MultipartPart> {
  const maxParts = limits.maxParts ?? 50;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 16 * 1024;
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const it = source[Symbol.asyncIterator]();
  // A virtual CRLF in front lets the first boundary match the same delimiter as the others.
  let buf: Buffer = Buffer.from(CRLF);
  let ended = false;
  const fill = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await it.next();
    if (next.done) {
      ended = true;
      return false;
    }
    buf = buf.length ? Buffer.concat([buf, next.value]) : Buffer.from(next.value);
    return true;
  };
  const need = async (n: number) => {
    while (buf.length < n) if (!(await fill())) throw new MultipartError('the form data ended unexpectedly');
  };

  // Preamble: skip to the first delimiter.
  for (;;) {
    const i = buf.indexOf(delimiter);
    if (i >= 0) {
      buf = buf.subarray(i + delimiter.length);
      break;
    }
    buf = buf.subarray(Math.max(0, buf.length - delimiter.length + 1));
    if (!(await fill())) throw new MultipartError('no multipart boundary found');
  }

  for (let count = 0; ; count++) {
    await need(2);
    if (buf[0] === 0x2d && buf[1] === 0x2d) return; // "--": the closing delimiter; ignore any epilogue
    while (buf[0] === 0x20 || buf[0] === 0x09) {
      buf = buf.subarray(1);
      await need(2);
    }
    if (buf[0] !== 0x0d || buf[1] !== 0x0a) throw new MultipartError('malformed multipart boundary line');
    if (count >= maxParts) throw new MultipartError(`more than ${maxParts} form fields`);
    buf = buf.subarray(2);

    let headerText = '';
    await need(2);
    if (buf[0] === 0x0d && buf[1] === 0x0a) buf = buf.subarray(2); // a part without headers
    else {
      let end: number;
      while ((end = buf.indexOf(HEADER_END)) < 0) {
        if (buf.length > maxHeaderBytes) throw new MultipartError('form field headers too long');
        if (!(await fill())) throw new MultipartError('the form data ended inside field headers');
      }
      headerText = buf.subarray(0, end).toString('utf8');
      buf = buf.subarray(end + HEADER_END.length);
    }
    const headers = parseHeaders(headerText);
    const disposition = parseParams(headers.get('content-disposition') ?? '');
    const name = disposition.get('name');
    if (!name) throw new MultipartError('a form field has no name');

    let done = false;
    const nextChunk = async (): Promise<Buffer | null> => {
      while (!done) {
        const i = buf.indexOf(delimiter);
        if (i >= 0) {
          const chunk = buf.subarray(0, i);
          buf = buf.subarray(i + delimiter.length);
          done = true;
          return chunk;
        }
        // Keep a tail that could be the start of a delimiter split across chunks.
        const safe = buf.length - (delimiter.length - 1);
        if (safe > 0) {
          const chunk = buf.subarray(0, safe);
          buf = buf.subarray(safe);
          return chunk;
        }
        if (!(await fill())) throw new MultipartError('the upload ended before the file was complete');
      }
      return null;
    };
    const body = async function* (): AsyncGenerator<Uint8Array> {
      for (let chunk = await nextChunk(); chunk; chunk = await nextChunk()) if (chunk.length) yield chunk;
    };
    yield {
      name,
      filename: disposition.get('filename*') ?? disposition.get('filename') ?? null,
      contentType: headers.get('content-type') ?? null,
      body: body(),
    };
    // The consumer may have left the body unread (or stopped half-way): skip the rest of it.
    while (await nextChunk());
  }
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * `form-data; name="file"; filename="合同.pdf"; filename*=UTF-8''%E5%90%88%E5%90%8C.pdf`.
 * Browsers send UTF-8 names in quotes with " as %22; curl backslash-escapes; RFC 5987 `filename*`
 * wins when present.
 */
function parseParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([A-Za-z0-9_*.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const key = m[1]!.toLowerCase();
    let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
    if (key.endsWith('*')) {
      const ext = /^([A-Za-z0-9_-]+)'[^']*'(.*)$/.exec(v);
      if (!ext || ext[1]!.toLowerCase() !== 'utf-8') continue;
      try {
        v = decodeURIComponent(ext[2]!);
      } catch {
        continue;
      }
    } else if (m[2] !== undefined) {
      v = v.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
    }
    params.set(key, v);
  }
  return params;
}
