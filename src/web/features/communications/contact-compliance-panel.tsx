import { useState } from 'react';
import { getContactability, getContactHolds, getContactLog, listComplianceDenials, listCustomerMessages } from '../../api/client.ts';
import type { ConsentPurpose, CustomerProfile, Loan } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/states.tsx';
import { ContactabilityCard } from './contactability-card.tsx';
import { ContactLogCard } from './contact-log-card.tsx';
import { DenialsCard } from './denials-card.tsx';
import { HoldsCard } from './holds-card.tsx';
import { LogContactDialog } from './log-contact-dialog.tsx';
import { MessagesCard } from './messages-card.tsx';
import { SendMessageDialog } from './send-message-dialog.tsx';
import { BEIJING } from './zoned-time.tsx';

/**
 * The customer page's 联系与合规 tab: can we contact now (per purpose, channel and contact point),
 * the stored refusals, contact holds and care flags, messages and the contact log — and, with
 * communications.send, sending a message and logging a call or visit (compliance-checked).
 */
export function ContactCompliancePanel({ customer, loans }: { customer: CustomerProfile; loans: Loan[] }) {
  const { t } = useI18n();
  const { can } = useSession();
  const id = customer.id;
  const [purpose, setPurpose] = useState<ConsentPurpose>('collections');
  const [dialog, setDialog] = useState<'send' | 'log' | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const contactability = useApi(`contactability:${id}:${purpose}`, (signal) => getContactability(id, purpose, signal));
  const denials = useApi(`denials:${id}`, (signal) => listComplianceDenials(id, signal));
  const holds = useApi(`holds:${id}`, (signal) => getContactHolds(id, signal));
  const messages = useApi(`messages:${id}`, (signal) => listCustomerMessages(id, signal));
  const contacts = useApi(`contacts:${id}`, (signal) => getContactLog(id, signal));
  const zones = contactability.status === 'success' ? contactability.data.timeZones : [BEIJING];
  const checkedAt = contactability.status === 'success' ? contactability.data.at : undefined;
  const mayAct = can('communications.send');

  const refreshAll = () => {
    contactability.reload();
    denials.reload();
    holds.reload();
    messages.reload();
    contacts.reload();
  };

  const sendButton = mayAct && (
    <button type="button" className="button button--small button--primary" onClick={() => { setFlash(null); setDialog('send'); }} data-testid="send-message">
      {t('send.open')}
    </button>
  );
  const logButton = mayAct && (
    <button type="button" className="button button--small button--primary" onClick={() => { setFlash(null); setDialog('log'); }} data-testid="log-contact">
      {t('log.open')}
    </button>
  );

  return (
    <div className="stack" data-testid="contact-compliance">
      <div className="panel-toolbar">
        <p className="muted small panel-toolbar__text">{t('compliance.intro')}</p>
        <div className="panel-toolbar__actions">
          {sendButton}
          {logButton}
          <button type="button" className="button button--small button--secondary" onClick={refreshAll} data-testid="compliance-refresh">
            {t('compliance.refresh')}
          </button>
        </div>
      </div>
      {flash && <Alert tone="success" title={flash} testId="compliance-flash" />}
      <ContactabilityCard purpose={purpose} onPurpose={setPurpose} state={contactability} />
      <DenialsCard state={denials} loans={loans} zones={zones} />
      <HoldsCard
        customerId={id}
        state={holds}
        loans={loans}
        onChanged={() => {
          holds.reload();
          contactability.reload();
        }}
      />
      <MessagesCard state={messages} />
      <ContactLogCard state={contacts} loans={loans} />

      {dialog === 'send' && (
        <SendMessageDialog
          customer={customer}
          loans={loans}
          zones={zones}
          checkedAt={checkedAt}
          onClose={() => setDialog(null)}
          onChanged={() => {
            messages.reload();
            denials.reload();
            contactability.reload();
          }}
        />
      )}
      {dialog === 'log' && (
        <LogContactDialog
          customer={customer}
          loans={loans}
          zones={zones}
          checkedAt={checkedAt}
          onClose={() => setDialog(null)}
          onRefused={() => denials.reload()}
          onLogged={(message) => {
            setDialog(null);
            setFlash(message);
            contacts.reload();
            denials.reload();
            contactability.reload();
          }}
        />
      )}
    </div>
  );
}
