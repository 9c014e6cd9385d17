import { simpleParser } from 'mailparser';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import type { Database } from '../../../platform/db/client.ts';
import { EvidenceUploadFields } from '../../../platform/evidence/evidence.contract.ts';
import { createEvidence, evidenceStoreFor } from '../../../platform/evidence/evidence-service.ts';
import { classifyUpload } from '../../../platform/evidence/evidence-upload.ts';
import { registerInboundEmailHandler, type InboundEmail } from '../../communications/index.ts';
import { openComplaint } from '../use-cases/open-complaint.ts';

/**
 * E-mail intake: a message to the complaints mailbox (COMPLAINTS_EMAIL_ADDRESS) becomes a complaint,
 * matched to the customer whose own e-mail contact point is the sender (unmatched: a complaint
 * without customer, for a handler to match). The message itself and each attachment are stored in
 * the evidence store (bytes sniffed; unsupported types skipped and logged) and linked to the
 * complaint and the customer. The same Message-ID delivered twice opens one complaint.
 *
 * The inbound receiver hands every handler only database/log/now, so the handler is registered once
 * per process and finds the full AppDeps (config, evidence store) by the database it was given.
 */
const appsByDatabase = new WeakMap<Database, AppDeps>();
let registered = false;

export function enableComplaintEmailIntake(deps: AppDeps): void {
  appsByDatabase.set(deps.database, deps);
  if (registered) return;
  registered = true;
  registerInboundEmailHandler(async (mail, mailDeps) => {
    const app = appsByDatabase.get(mailDeps.database);
    if (app) await handleComplaintEmail(app, mail);
  });
}

const ACTOR = systemActor('inbound-email');

export async function handleComplaintEmail(deps: AppDeps, mail: InboundEmail): Promise<{ complaintId: string; evidenceIds: string[] } | null> {
  const address = deps.config.complaints.emailAddress;
  if (!address || !mail.to.some((t) => t.toLowerCase() === address)) return null;
  const customerId = mail.from ? await customerBySender(deps, mail.from) : null;
  const description = [mail.subject?.trim(), mail.text.trim()].filter(Boolean).join('\n\n').slice(0, 5000) || '（空白邮件）';
  const opened = await openComplaint(deps, ACTOR, {
    customerId, channel: 'email', description, receivedAt: mail.receivedAt, complainantEmail: mail.from, sourceMessageId: mail.messageId,
  });
  if (!opened.created) return { complaintId: opened.complaintId, evidenceIds: [] };

  const parsed = await simpleParser(mail.raw);
  const files: Array<{ name: string; content: Buffer; kind: 'email' | 'photo' | 'other'; description: string }> = [
    { name: `complaint-${opened.referenceNumber}.eml`, content: mail.raw, kind: 'email', description: `投诉 ${opened.referenceNumber} 原始邮件 / original e-mail` },
    ...parsed.attachments.map((a) => ({
      name: a.filename ?? 'attachment', content: a.content, kind: a.contentType.startsWith('image/') ? ('photo' as const) : ('other' as const),
      description: `投诉 ${opened.referenceNumber} 邮件附件 / e-mail attachment`,
    })),
  ];
  const evidenceIds: string[] = [];
  const links = [`complaint:${opened.complaintId}`, ...(customerId ? [`customer:${customerId}`] : [])];
  for (const f of files) {
    const staged = await evidenceStoreFor(deps).stage(chunks(f.content), { maxBytes: deps.config.evidenceMaxUploadBytes });
    try {
      const verdict = await classifyUpload(staged, f.name);
      const input = EvidenceUploadFields.parse({
        kind: f.kind, source: `客户邮件 ${mail.from ?? ''}`.trim(), capturedAt: mail.receivedAt.toISOString(), description: f.description, links,
      });
      const item = await createEvidence(deps, {}, ACTOR, { staged, fileName: f.name, input, verdict, requestId: null });
      evidenceIds.push(item.id);
    } catch (err) {
      await staged.discard();
      deps.log.warn('complaint e-mail attachment not stored', { complaintId: opened.complaintId, file: f.name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { complaintId: opened.complaintId, evidenceIds };
}

async function customerBySender(deps: AppDeps, from: string): Promise<string | null> {
  const { rows } = await deps.database.sql.query<{ customer_id: string }>(
    `SELECT DISTINCT customer_id FROM contact_points WHERE kind = 'email' AND relationship = 'self' AND lower(value) = lower($1)`, [from],
  );
  return rows.length === 1 ? rows[0]!.customer_id : null;
}

async function* chunks(buf: Buffer): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
