/**
 * What a file really is, from its bytes (magic numbers), never from its name or the client's
 * Content-Type. Only the kinds evidence actually comes in are accepted; anything else (executables,
 * HTML, archives, macros-enabled Office files) is refused, so the store never serves active content.
 */
export const ACCEPTED_TYPES = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'audio/mpeg': ['mp3'],
  'audio/wav': ['wav'],
  'audio/mp4': ['m4a'],
  'video/mp4': ['mp4'],
  'message/rfc822': ['eml'],
  'text/csv': ['csv'],
  'text/plain': ['txt', 'log'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
} as const satisfies Record<string, readonly string[]>;
export type AcceptedType = keyof typeof ACCEPTED_TYPES;

const BY_EXTENSION = new Map<string, AcceptedType>(
  Object.entries(ACCEPTED_TYPES).flatMap(([type, exts]) => exts.map((e) => [e, type as AcceptedType] as const)),
);

/** The type a file name claims by its extension; null when it has none or an unknown one. */
export function typeClaimedByName(fileName: string): { extension: string | null; type: AcceptedType | null } {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  const extension = m ? m[1]!.toLowerCase() : null;
  return { extension, type: extension ? (BY_EXTENSION.get(extension) ?? null) : null };
}

export const extensionFor = (type: AcceptedType) => ACCEPTED_TYPES[type][0];

const ascii = (bytes: Uint8Array, start: number, text: string) =>
  bytes.length >= start + text.length && [...text].every((ch, i) => bytes[start + i] === ch.charCodeAt(0));

/** ISO base-media brands (ftyp) we accept: audio (M4A) and ordinary MP4 video; QuickTime is not MP4. */
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ']);
const VIDEO_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'MSNV']);

/**
 * Sniffs the first bytes. ZIP-based Office files need the archive's entry names (`zipEntries`, read
 * from the central directory by the caller); `claimed` only picks between text flavours (a .csv that
 * is text is CSV), it never overrides the bytes.
 */
export function sniffContentType(head: Uint8Array, options: { zipEntries?: string[] | null; claimed?: AcceptedType | null } = {}): AcceptedType | null {
  const b = head;
  if (isActiveContent(b)) return null;
  if (ascii(b, 0, '%PDF-')) return 'application/pdf';
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'audio/wav';
  if (ascii(b, 4, 'ftyp') && b.length >= 12) {
    const brand = String.fromCharCode(b[8]!, b[9]!, b[10]!, b[11]!);
    if (AUDIO_BRANDS.has(brand)) return 'audio/mp4';
    if (VIDEO_BRANDS.has(brand)) return 'video/mp4';
    return null;
  }
  if (ascii(b, 0, 'ID3') || isMp3Frame(b)) return 'audio/mpeg';
  if (ascii(b, 0, 'PK\x03\x04')) return officeType(options.zipEntries ?? []);
  if (isText(b)) {
    if (looksLikeEmail(b)) return 'message/rfc822';
    return options.claimed === 'text/csv' ? 'text/csv' : 'text/plain';
  }
  return null;
}

/** An MPEG-1/2 Layer III frame header (no ID3 tag): 11 sync bits, layer III, valid bitrate and rate. */
function isMp3Frame(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return false;
  const version = (b[1]! >> 3) & 3;
  const layer = (b[1]! >> 1) & 3;
  const bitrate = b[2]! >> 4;
  const rate = (b[2]! >> 2) & 3;
  return version !== 1 && layer === 1 && bitrate !== 0 && bitrate !== 15 && rate !== 3;
}

/** DOCX / XLSX are ZIPs with [Content_Types].xml and their main part; other ZIPs are refused. */
function officeType(entries: string[]): AcceptedType | null {
  const names = new Set(entries);
  if (!names.has('[Content_Types].xml')) return null;
  if (names.has('word/document.xml') && !names.has('word/vbaProject.bin')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.has('xl/workbook.xml') && !names.has('xl/vbaProject.bin')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/**
 * Text in UTF-8 or GB18030/GBK (what Excel saves a Chinese CSV as): decodes cleanly in one of them
 * (a character cut off at the end of the sniffed head is fine) and holds no control characters
 * other than tab, line breaks, form feed and ESC.
 */
function isText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  for (const byte of b) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) || byte === 0x7f) return false;
  }
  return decodes(b, 'utf-8') || decodes(b, 'gb18030');
}

function decodes(b: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Executables and markup a browser would run, refused before anything else: a PE file's "MZ" can
 * otherwise pass for GBK text, and HTML / SVG could script the console if ever rendered inline.
 */
function isActiveContent(b: Uint8Array): boolean {
  if (ascii(b, 0, 'MZ') || ascii(b, 0, '\x7fELF') || ascii(b, 0, '\xca\xfe\xba\xbe')) return true;
  if (ascii(b, 0, '\xcf\xfa\xed\xfe') || ascii(b, 0, '\xce\xfa\xed\xfe') || ascii(b, 0, '#!')) return true;
  const start = Buffer.from(b.subarray(0, 512)).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  return /^<(!doctype html|html|head|body|script|svg|\?xml[^>]*>\s*<svg)/.test(start);
}

/** RFC 5322: a header block (Name: value lines, folded continuations) with From and one of Date/Subject/Received. */
function looksLikeEmail(b: Uint8Array): boolean {
  const text = Buffer.from(b).toString('latin1').replace(/^\xef\xbb\xbf/, '');
  const end = text.search(/\r?\n\r?\n/);
  if (end <= 0) return false;
  const lines = text.slice(0, end).split(/\r?\n/);
  const names = new Set<string>();
  for (const line of lines) {
    if (/^[ \t]/.test(line)) continue;
    const m = /^([!-9;-~]+):/.exec(line);
    if (!m) return false;
    names.add(m[1]!.toLowerCase());
  }
  return names.has('from') && (names.has('date') || names.has('subject') || names.has('received'));
}

/**
 * Entry names from a ZIP's central directory (at the end of the file), read through `read`.
 * Returns null for anything malformed or ZIP64 (never needed below the upload limit).
 */
export async function readZipEntryNames(read: (position: number, length: number) => Promise<Uint8Array>, size: number): Promise<string[] | null> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.from(await read(size - tailLength, tailLength));
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || cdOffset + cdSize > size) return null;
  const cd = Buffer.from(await read(cdOffset, cdSize));
  const names: string[] = [];
  let p = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    names.push(cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
