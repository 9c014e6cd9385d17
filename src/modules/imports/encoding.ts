import iconv from 'iconv-lite';
import type { ImportEncoding } from './import-types.ts';

/**
 * Lenders export CSV from Excel (UTF-8 with BOM, or GB18030/GBK on Chinese Windows) and from core
 * banking systems (plain UTF-8). We decide from the first bytes and then stream:
 *   BOM → UTF-8; else the first non-ASCII run decodes as UTF-8 → UTF-8; else GB18030.
 * Random GB18030 text is almost never valid UTF-8 over a few hundred bytes, so a 4 KiB window after
 * the first non-ASCII byte is enough. Bytes that turn out invalid later decode to U+FFFD and the
 * row holding them is rejected (see REPLACEMENT_CHAR), instead of silently storing mojibake.
 */
export class EncodingRefusal extends Error {}

export const REPLACEMENT_CHAR = '\uFFFD';

const WINDOW_AFTER_FIRST_NON_ASCII = 4096;
// An all-ASCII prefix this long: call it UTF-8 (identical to GB18030 for ASCII) and stop buffering.
const MAX_SNIFF_BYTES = 1 << 20;

export type DecodedText = { encoding: ImportEncoding; text: AsyncGenerator<string> };

export async function openDecodedText(chunks: AsyncIterable<Buffer>): Promise<DecodedText> {
  const iterator = chunks[Symbol.asyncIterator]();
  const buffered: Buffer[] = [];
  let size = 0;
  let done = false;
  let decision: { encoding: ImportEncoding; bomLength: number } | null = null;
  while (!decision) {
    const sample = Buffer.concat(buffered, size);
    decision = decide(sample, done);
    if (decision) break;
    const next = await iterator.next();
    if (next.done) {
      done = true;
      continue;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    buffered.push(chunk);
    size += chunk.length;
  }
  const { encoding, bomLength } = decision;
  const head = Buffer.concat(buffered, size).subarray(bomLength);
  return { encoding, text: decodeRest(encoding, head, done ? null : iterator) };
}

/** null = need more bytes. Throws EncodingRefusal for files we can never read correctly. */
export function decide(sample: Buffer, atEnd: boolean): { encoding: ImportEncoding; bomLength: number } | null {
  if (sample.length < 3 && !atEnd) return null;
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new EncodingRefusal('the file is UTF-16; save it as "CSV UTF-8" or GB18030 and try again');
  }
  const firstNonAscii = sample.findIndex((b) => b >= 0x80);
  const ascii = firstNonAscii === -1 ? sample : sample.subarray(0, firstNonAscii);
  if (ascii.includes(0)) throw new EncodingRefusal('the file contains NUL bytes: it is not a text CSV (UTF-16 or a binary/Excel file?)');
  if (firstNonAscii === -1) {
    return atEnd || sample.length >= MAX_SNIFF_BYTES ? { encoding: 'utf-8', bomLength: 0 } : null;
  }
  const windowEnd = firstNonAscii + WINDOW_AFTER_FIRST_NON_ASCII;
  if (sample.length < windowEnd && !atEnd) return null;
  const window = sample.subarray(firstNonAscii, Math.min(sample.length, windowEnd));
  return { encoding: isUtf8Prefix(window, atEnd && sample.length <= windowEnd) ? 'utf-8' : 'gb18030', bomLength: 0 };
}

/** Valid UTF-8, allowing a sequence cut off at the end of the window (unless the file ends there). */
function isUtf8Prefix(bytes: Buffer, isWholeRest: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !isWholeRest });
    return true;
  } catch {
    return false;
  }
}

async function* decodeRest(
  encoding: ImportEncoding,
  head: Buffer,
  rest: AsyncIterator<Buffer> | null,
): AsyncGenerator<string> {
  // Both decoders replace invalid sequences with U+FFFD rather than throwing (see module comment).
  const decoder =
    encoding === 'utf-8'
      ? (() => {
          const d = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
          return { write: (b: Buffer) => d.decode(b, { stream: true }), end: () => d.decode() };
        })()
      : (() => {
          const d = iconv.getDecoder('gb18030');
          return { write: (b: Buffer) => d.write(b), end: () => d.end() ?? '' };
        })();
  if (head.length > 0) yield decoder.write(head);
  if (rest) {
    for (;;) {
      const next = await rest.next();
      if (next.done) break;
      const text = decoder.write(Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value));
      if (text) yield text;
    }
  }
  const tail = decoder.end();
  if (tail) yield tail;
}
