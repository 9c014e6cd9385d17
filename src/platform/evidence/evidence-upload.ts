import { DomainError } from '../errors/domain-error.ts';
import { zodIssuesToFields } from '../errors/problem-details.ts';
import { BlobTooLargeError, type EvidenceBlobStore, type StagedBlob } from './blob-store.ts';
import { readMultipart, MultipartError } from './multipart-stream.ts';
import { readZipEntryNames, sniffContentType, typeClaimedByName, type AcceptedType } from './content-sniffer.ts';
import { EvidenceUploadFields, type EvidenceUploadInput } from './evidence.contract.ts';

export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;

export const tooLarge = (maxBytes: number) =>
  new DomainError('payload_too_large', {
    zh: `文件超过上传上限（${(maxBytes / 1024 / 1024).toFixed(0)} MiB），未保存`,
    en: `The file exceeds the upload limit (${(maxBytes / 1024 / 1024).toFixed(0)} MiB) and was not stored`,
  });

const badUpload = (en: string, zh: string) => new DomainError('bad_request', { zh, en });

export type ReceivedUpload = { staged: StagedBlob; fileName: string; input: EvidenceUploadInput };

/**
 * Reads a multipart upload: the `file` part is streamed into the blob store's staging area (hashed
 * on the way, size limit enforced as bytes arrive), the other fields are collected (64 KiB each).
 * Anything wrong — a broken connection, the size limit, invalid fields — discards the staged file
 * before the error leaves, so a failed upload stores nothing.
 */
export async function receiveUpload(store: EvidenceBlobStore, body: AsyncIterable<Uint8Array>, boundary: string, maxBytes: number): Promise<ReceivedUpload> {
  let staged: StagedBlob | null = null;
  let fileName = '';
  const fields: Record<string, string[]> = {};
  try {
    for await (const part of readMultipart(tagStreamErrors(body), boundary)) {
      if (part.filename !== null) {
        if (part.name !== 'file') throw badUpload(`unexpected file field "${part.name}"`, `未知的文件字段 "${part.name}"`);
        if (staged) throw badUpload('one file per upload', '每次只能上传一个文件');
        fileName = sanitiseFileName(part.filename);
        staged = await store.stage(part.body, { maxBytes });
        continue;
      }
      let text = '';
      let size = 0;
      const decoder = new TextDecoder('utf-8', { fatal: false });
      for await (const chunk of part.body) {
        size += chunk.byteLength;
        if (size > MAX_FIELD_BYTES) throw badUpload(`form field "${part.name}" is too long`, `表单字段 "${part.name}" 过长`);
        text += decoder.decode(chunk, { stream: true });
      }
      text += decoder.decode();
      (fields[part.name.replace(/\[\]$/, '')] ??= []).push(text);
    }
    if (!staged) {
      throw new DomainError('validation', { zh: '请选择要上传的文件', en: 'No file was uploaded' }, [{ field: 'form.file', message: 'Required / 必填', code: 'required' }]);
    }
    const single = (name: string) => (fields[name]?.[0]?.trim() ? fields[name]![0] : undefined);
    const parsed = EvidenceUploadFields.safeParse({
      kind: single('kind'), source: single('source'), capturedAt: single('capturedAt'), description: single('description'),
      retentionUntil: single('retentionUntil'), links: (fields.links ?? []).filter((l) => l.trim()),
    });
    if (!parsed.success) throw new DomainError('validation', { zh: '输入校验失败，请检查标注的字段', en: 'Input validation failed; see the fields listed' }, zodIssuesToFields(parsed.error, 'form'));
    return { staged, fileName, input: parsed.data };
  } catch (err) {
    await (staged as StagedBlob | null)?.discard();
    if (err instanceof BlobTooLargeError) throw tooLarge(maxBytes);
    if (err instanceof MultipartError) throw badUpload(`Malformed upload: ${err.message}`, '上传数据格式错误或不完整，文件未保存');
    // The request stream itself failed (client gone, connection reset): nothing was stored.
    if (err instanceof RequestStreamError) throw badUpload('The upload was interrupted; nothing was stored', '上传中断，文件未保存，请重试');
    throw err; // DomainErrors as they are; disk or other failures stay 500s
  }
}

class RequestStreamError extends Error {}

async function* tagStreamErrors(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (err) {
    throw new RequestStreamError(err instanceof Error ? err.message : String(err));
  }
}

export type TypeVerdict = { detected: AcceptedType; claimed: AcceptedType | null; claimedExtension: string | null; mismatch: boolean };

/**
 * Decides what the file is. A renamed file (PDF called .jpg) is kept as what its bytes are, and the
 * disagreement is recorded and shown: for evidence, refusing it would lose a document a customer
 * actually sent. A file whose bytes are none of the accepted kinds is refused whatever its name.
 */
export async function classifyUpload(staged: StagedBlob, fileName: string): Promise<TypeVerdict> {
  const { type: claimed, extension } = typeClaimedByName(fileName);
  const isZip = staged.head[0] === 0x50 && staged.head[1] === 0x4b;
  const zipEntries = isZip ? await readZipEntryNames((p, l) => staged.read(p, l), staged.size) : null;
  const detected = sniffContentType(staged.head, { zipEntries, claimed });
  if (!detected) {
    throw new DomainError(
      'validation',
      { zh: '不支持的文件类型：仅接受 PDF、图片、音频、邮件、CSV/文本、Word/Excel 文件', en: 'Unsupported file type: only PDF, images, audio, e-mail, CSV/text and Word/Excel files are accepted' },
      [{ field: 'form.file', message: `content is not an accepted type${extension ? ` (name says .${extension})` : ''} / 文件内容不是可接受的类型${extension ? `（文件名为 .${extension}）` : ''}`, code: 'unsupported_file_type' }],
    );
  }
  const textual = (t: AcceptedType | null) => t === 'text/plain' || t === 'text/csv';
  // No extension claims nothing; a .txt holding CSV, or a .csv holding plain text, is not a disguise.
  const mismatch = extension !== null && claimed !== detected && !(textual(claimed) && textual(detected));
  return { detected, claimed, claimedExtension: extension, mismatch };
}

/** Keep the name as the uploader saw it, minus any path and control characters (never used as a path). */
function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean || 'unnamed';
}
