import { describe, it, expect } from 'vitest';
import { readZipEntryNames, sniffContentType, typeClaimedByName } from './content-sniffer.ts';

/** Strings are latin1 (byte-exact magic numbers); Buffers pass through (UTF-8 text). */
const b = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.isBuffer(p) ? p : Buffer.from(p))));

/** A minimal stored (uncompressed) ZIP with the given entry names, as Office writes them. */
function zipWith(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n);
    centrals.push(central, n);
    offset += local.length + n.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(names.length, 8);
  eocd.writeUInt16LE(names.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const entriesOf = (zip: Buffer) => readZipEntryNames(async (p, l) => zip.subarray(p, p + l), zip.length);

describe('sniffContentType', () => {
  it.each([
    ['PDF', b('%PDF-1.7\n%âãÏÓ'), 'application/pdf'],
    ['PNG', b([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13]), 'image/png'],
    ['JPEG', b([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['GIF', b('GIF89a', [1, 0]), 'image/gif'],
    ['WEBP', b('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['WAV', b('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['MP3 with ID3', b('ID3', [4, 0, 0]), 'audio/mpeg'],
    ['MP3 frame', b([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
    ['M4A', b([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]), 'audio/mp4'],
    ['MP4', b([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]), 'video/mp4'],
    ['e-mail', b(Buffer.from('Received: from mx.example.cn\r\nFrom: 张三 <z@example.cn>\r\nSubject: =?UTF-8?B?5YCf5qy+?=\r\n\r\nbody')), 'message/rfc822'],
    ['UTF-8 text', b([0xef, 0xbb, 0xbf], Buffer.from('客户说明：已还款。\n')), 'text/plain'],
    ['GBK text', b([0xbf, 0xcd, 0xbb, 0xa7], ',100\r\n'), 'text/plain'],
  ])('recognises %s', (_label, head, type) => {
    expect(sniffContentType(head)).toBe(type);
  });

  it('calls text CSV only when the name says .csv', () => {
    expect(sniffContentType(b(Buffer.from('name,amount\n张三,100\n')), { claimed: 'text/csv' })).toBe('text/csv');
    expect(sniffContentType(b(Buffer.from('name,amount\n张三,100\n')), { claimed: 'application/pdf' })).toBe('text/plain');
  });

  it.each([
    ['a Windows executable', b('MZ', [0x90, 0, 3, 0])],
    ['a PE header that would pass for GBK text', b('MZ', [0x90, 0x90, 0x90, 0x90])],
    ['HTML', b('\n <!DOCTYPE html><html><script>alert(1)</script>')],
    ['SVG', b('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['a shell script', b('#!/bin/sh\nrm -rf /\n')],
    ['bytes that are neither UTF-8 nor GB18030', b([0x41, 0xff, 0x42])],
    ['an ELF binary', b([0x7f], 'ELF', [2, 1, 1])],
    ['a QuickTime movie', b([0, 0, 0, 0x14], 'ftypqt  ')],
    ['an empty file', b()],
    ['binary with NUL bytes', b('abc', [0], 'def')],
    ['a RIFF AVI', b('RIFF', [0, 0, 0, 0], 'AVI LIST')],
  ])('refuses %s', (_label, head) => {
    expect(sniffContentType(head)).toBeNull();
  });

  it('tells DOCX and XLSX from other ZIPs by their entries', async () => {
    const docx = zipWith(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    const xlsx = zipWith(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const macro = zipWith(['[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin']);
    const plain = zipWith(['readme.txt', 'payload.exe']);
    expect(sniffContentType(docx, { zipEntries: await entriesOf(docx) })).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffContentType(xlsx, { zipEntries: await entriesOf(xlsx) })).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniffContentType(macro, { zipEntries: await entriesOf(macro) })).toBeNull();
    expect(sniffContentType(plain, { zipEntries: await entriesOf(plain) })).toBeNull();
    expect(await entriesOf(Buffer.from('PK\x03\x04 truncated'))).toBeNull();
  });
});

describe('typeClaimedByName', () => {
  it('reads the extension case-insensitively', () => {
    expect(typeClaimedByName('合同扫描件.JPG')).toEqual({ extension: 'jpg', type: 'image/jpeg' });
    expect(typeClaimedByName('录音.m4a')).toEqual({ extension: 'm4a', type: 'audio/mp4' });
    expect(typeClaimedByName('setup.exe')).toEqual({ extension: 'exe', type: null });
    expect(typeClaimedByName('README')).toEqual({ extension: null, type: null });
  });
});
