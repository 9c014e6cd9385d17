import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * PDF letters and agreements, in Chinese and English, with a CJK font embedded (subset by pdfkit,
 * so a one-page letter stays small). The font ships in an npm package — Noto Sans SC, SIL Open Font
 * License — so a fresh install renders Chinese without any system font.
 */
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; rows: Array<[string, string]> }
  | { kind: 'signature'; lines: string[] };

export type PdfDocumentInput = {
  title: string;
  /** Shown top right: reference number, date. */
  meta: string[];
  blocks: DocumentBlock[];
  /** Document metadata for archives and evidence (PDF Info dictionary). */
  info?: { author?: string; subject?: string; keywords?: string };
  /** Fixed creation date makes output reproducible for tests and evidence hashing. */
  createdAt: Date;
};

export function renderPdf(input: PdfDocumentInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 64, right: 64 },
      // pdfkit cannot serialise undefined entries, so absent ones are left out.
      info: Object.fromEntries(
        Object.entries({ Title: input.title, Author: input.info?.author ?? 'LoanDesk 贷后工作台', Subject: input.info?.subject, Keywords: input.info?.keywords, CreationDate: input.createdAt }).filter(([, v]) => v !== undefined),
      ) as PDFKit.DocumentInfo,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', FONT_REGULAR);
    doc.registerFont('bold', FONT_BOLD);

    doc.font('body').fontSize(9).fillColor('#555555');
    for (const line of input.meta) doc.text(line, { align: 'right' });
    doc.moveDown(1.5).font('bold').fontSize(16).fillColor('#111111').text(input.title, { align: 'center' }).moveDown(1);
    for (const block of input.blocks) {
      switch (block.kind) {
        case 'heading':
          doc.moveDown(0.5).font('bold').fontSize(12).text(block.text).moveDown(0.3);
          break;
        case 'paragraph':
          doc.font('body').fontSize(10.5).text(block.text, { lineGap: 4, align: 'justify' }).moveDown(0.6);
          break;
        case 'table':
          for (const [label, value] of block.rows) {
            const y = doc.y;
            doc.font('bold').fontSize(10).text(label, 64, y, { width: 150 });
            doc.font('body').fontSize(10).text(value, 224, y, { width: doc.page.width - 288 });
            doc.moveDown(0.3);
          }
          doc.x = 64;
          doc.moveDown(0.5);
          break;
        case 'signature':
          doc.moveDown(1.5);
          for (const line of block.lines) doc.font('body').fontSize(10.5).text(line, { align: 'right' }).moveDown(0.4);
          break;
      }
    }
    doc.end();
  });
}
