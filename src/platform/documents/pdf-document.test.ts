import { describe, it, expect } from 'vitest';
import { inflateSync } from 'node:zlib';
import { renderPdf } from './pdf-document.ts';

const input = {
  title: '还款提醒函 Repayment reminder',
  meta: ['编号 Ref: L-2026-0001', '2026-11-26'],
  blocks: [
    { kind: 'paragraph' as const, text: '尊敬的王芳女士：我们关注到您的账户最近出现了延迟还款的情况，对此我们深表关心。' },
    { kind: 'table' as const, rows: [['逾期金额 Overdue', '¥127,964.85'] as [string, string]] },
    { kind: 'signature' as const, lines: ['北京分行 Beijing Branch'] },
  ],
  createdAt: new Date('2026-11-26T02:00:00Z'),
};

/** The text pdfkit wrote, as the hex glyph strings inside the (deflated) content streams. */
function contentStreams(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  let out = '';
  for (const m of text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      out += inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      /* font programs and images are not content streams */
    }
  }
  return out;
}

describe('renderPdf', () => {
  it('produces a PDF with an embedded CJK font subset', async () => {
    const pdf = await renderPdf(input);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2/); // the TrueType program is embedded, not referenced
    expect(raw).toMatch(/NotoSansSC/);
    expect(pdf.length).toBeLessThan(400_000); // a subset, not the 10 MB font
  });

  it('maps the Chinese text through a ToUnicode CMap so it can be searched and copied', async () => {
    const pdf = await renderPdf(input);
    const streams = contentStreams(pdf);
    expect(streams).toMatch(/beginbfchar|beginbfrange/);
    // 还 is U+8FD8: the CMap must map some glyph to it.
    expect(streams.toLowerCase()).toContain('<8fd8>');
  });

  it('is reproducible for the same input and clock (evidence hashes stay stable)', async () => {
    const [a, b] = await Promise.all([renderPdf(input), renderPdf(input)]);
    expect(a.equals(b)).toBe(true);
  });
});
