import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderResponseLetterPdf, type ResponseLetterInput } from './response-letter-pdf.ts';

/** The ToUnicode CMaps and content streams, inflated: which characters the letter uses. */
function streams(pdf: Buffer): string {
  let out = '';
  for (const m of pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      out += inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      /* font programs */
    }
  }
  return out.toLowerCase();
}
const mapsChar = (pdf: Buffer, ch: string) => streams(pdf).includes(`<${ch.codePointAt(0)!.toString(16).padStart(4, '0')}>`);

const base: ResponseLetterInput = {
  referenceNumber: 'TS-2026-000042', customerName: '周敏', receivedDate: '2026-11-26', decisionDate: '2026-12-01', outcome: 'partly-upheld',
  remedies: ['fee-waiver', 'apology'], reasons: '系统扣款延迟导致罚息，已减免并致歉。', kind: 'decision', reviewRequestBy: '2026-12-31', createdAt: new Date('2026-12-01T02:00:00Z'),
};

describe('final response letter PDF', () => {
  it('is a bilingual PDF with the CJK font embedded, reproducible for the same decision', async () => {
    const pdf = await renderResponseLetterPdf(base);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    expect(pdf.toString('latin1')).toMatch(/NotoSansSC/);
    expect(pdf.toString('latin1')).toContain('Complaint final response TS-2026-000042');
    expect((await renderResponseLetterPdf(base)).equals(pdf)).toBe(true);
    // 复 (复核, the review right) and 调 (调解, mediation) are on the page.
    expect(mapsChar(pdf, '复')).toBe(true);
    expect(mapsChar(pdf, '调')).toBe(true);
  });

  it('a review decision offers no further review, but still mediation and the regulator', async () => {
    const first = await renderResponseLetterPdf(base);
    const review = await renderResponseLetterPdf({ ...base, kind: 'review', reviewRequestBy: null, reasons: '复核维持原决定。' });
    expect(review.equals(first)).toBe(false);
    // 收 (自收到本决定之日起30日内) is used only by the review-right paragraph.
    expect(mapsChar(first, '收')).toBe(true);
    expect(mapsChar(review, '收')).toBe(false);
    expect(mapsChar(review, '调')).toBe(true);
  });
});
