/**
 * The compliance engine's plain-data contract. The engine is a pure function
 * `evaluateContact(proposal, context, policy) → ContactDecision`; callers (the communications hub,
 * the agent workbench, the daily collections run) load a ContactContext and never decide alone.
 */

export type ContactChannel = 'sms' | 'email' | 'phone' | 'portal' | 'letter' | 'field-visit' | 'video';
export type ContactPurpose = 'servicing' | 'follow-up-visit' | 'collections' | 'marketing';
/** automated = robocall / bulk SMS / scheduled e-mail; human = an agent makes the contact. */
export type ContactMode = 'automated' | 'human';
export type Relationship = 'self' | 'emergency-contact' | 'spouse' | 'relative' | 'colleague' | 'guarantor' | 'other';
export type ClockTime = string; // 'HH:MM', 24-hour, local to the debtor

export type ContactProposal = {
  /** The instant the contact would happen. */
  at: Date;
  channel: ContactChannel;
  purpose: ContactPurpose;
  mode: ContactMode;
  /** The loan (debt) the contact is about; Regulation F counts per debt. */
  debtId: string | null;
  recipient: {
    contactPointId: string | null;
    relationship: Relationship;
    /** When this third party said they do not want to be contacted again. */
    refusedAt: Date | null;
  };
  /** Third-party contacts are only ever to re-establish contact with an unreachable debtor. */
  thirdPartyPurpose?: 're-establish-contact';
  /** The rendered message, checked for prohibited wording; absent for a phone call or visit. */
  message?: { text: string; language: 'zh-CN' | 'en' };
  /** A supervisor override (reason required, audited by the caller); lifts only overridable rules. */
  override?: { by: string; reason: string };
  /**
   * (Extension) A servicing notice the lender is legally obliged to send (statutory disclosure, change of
   * terms, fraud-incident notice). Honoured only with purpose 'servicing': it then passes e-mail/SMS
   * opt-outs, withdrawn or missing consent and the fraud-incident pause; hours, caps, wording and
   * third-party rules still apply.
   */
  legallyRequiredNotice?: boolean;
};

export type ContactHistoryEntry = {
  at: Date;
  channel: ContactChannel;
  mode: ContactMode;
  purpose: ContactPurpose;
  debtId: string | null;
  relationship: Relationship;
  contactPointId: string | null;
  /**
   * attempted = dialled/sent, outcome unknown or not reached; connected = a voice call was answered;
   * conversation = a telephone conversation with the debtor about the debt (Reg F 1006.14(b)(2)(i)(B)).
   */
  outcome: 'attempted' | 'no-answer' | 'connected' | 'conversation' | 'refused' | 'wrong-number' | 'delivered' | 'failed';
  /** Made by the lender itself or by which collection agency; the China cap counts all together. */
  agency: string | null;
};

export type ConsentRecord = { purpose: ContactPurpose; channel: ContactChannel; grantedAt: Date; withdrawnAt: Date | null };
export type OptOutRecord = { channel: ContactChannel; at: Date }; // e.g. "STOP" reply to an SMS

export type OpenCase = {
  type: 'collection-conduct-complaint' | 'fraud-incident' | 'dispute' | 'legal-hold';
  /** null = applies to every debt of the customer. */
  debtId: string | null;
  openedAt: Date;
};

export type ContactContext = {
  customer: {
    /** Every time zone the debtor may be in (address, phone area code, stated location). Usually one. */
    timeZones: string[];
    /** Quiet hours the customer set, local time; contact not allowed from start to end. */
    quietHours: { start: ClockTime; end: ClockTime } | null;
    /** Times the consumer said are inconvenient (Reg F 1006.6(b)(1)(i)), local. */
    inconvenientTimes: Array<{ start: ClockTime; end: ClockTime }>;
    /** A time window the debtor explicitly agreed to be contacted in (overrides the night ban in China). */
    agreedContactWindow: { start: ClockTime; end: ClockTime } | null;
    /** The debtor cannot be reached on any own contact point (the only ground for third-party contact). */
    debtorUnreachable: boolean;
    flags: { hardship: boolean; bereavement: boolean; vulnerable: boolean };
    /**
     * (Extension) Contact points of third parties the debtor agreed in advance may be contacted
     * (China: 紧急联系人 given at signing). When present, the China profile contacts only these.
     */
    agreedContactPointIds?: string[];
  };
  consents: ConsentRecord[];
  optOuts: OptOutRecord[];
  openCases: OpenCase[];
  /** Contacts of this customer (all debts, all agencies), newest last is fine; the engine sorts nothing it needs sorted. */
  history: ContactHistoryEntry[];
};

export type JurisdictionProfile = 'cn-mainland' | 'us-reg-f';

export type CompliancePolicy = {
  profile: JurisdictionProfile;
  /** Allowed local window for collection contact, e.g. 08:00–22:00 (China national standard) or 08:00–21:00. */
  collectionHours: { start: ClockTime; end: ClockTime };
  /** Allowed local window for servicing / visits / marketing contact. */
  generalHours: { start: ClockTime; end: ClockTime };
  /** China: at most N connected voice calls per debtor per local day, human + automated, all agencies. */
  maxConnectedVoiceCallsPerDay: number | null;
  /** Reg F: at most N call attempts per debt within 7 consecutive days. */
  maxCallAttemptsPer7DaysPerDebt: number | null;
  /** Reg F: no call within 7 days after a telephone conversation about the debt. */
  noCallDaysAfterConversation: number | null;
  /** No two unanswered calls within this many minutes. */
  burstMinutes: number | null;
  /** Per-channel caps per local day (e.g. sms: 2). */
  channelDailyCaps: Partial<Record<ContactChannel, number>>;
  /** Skip collection contact on public holidays (mainland calendar incl. 调休 working weekends). */
  collectionsOnPublicHolidays: boolean;
  /** (Extension) Zones assumed when the customer has none on file (all of them must pass). */
  defaultTimeZones?: string[];
  /** (Extension) Extra public holidays, local dates 'YYYY-MM-DD' (bank days off, next year's calendar early). */
  extraPublicHolidays?: string[];
  /**
   * (Extension) Contacts that need an active consent for (purpose, channel) besides marketing, which
   * always does. An entry matches a proposal when each field it sets is equal.
   */
  consentRequired?: Array<{ purpose?: ContactPurpose; channel?: ContactChannel; mode?: ContactMode }>;
  /** (Extension) How far earliestAllowedAt is searched, in days from the proposal (default 60). */
  searchHorizonDays?: number;
};

export type RuleCode =
  | 'contact-hours'
  | 'quiet-hours'
  | 'inconvenient-time'
  | 'public-holiday'
  | 'daily-connected-call-cap'
  | 'seven-day-call-cap'
  | 'post-conversation-wait'
  | 'call-burst'
  | 'channel-daily-cap'
  | 'consent-missing'
  | 'opted-out'
  | 'third-party-not-allowed'
  | 'third-party-refused'
  | 'paused-complaint'
  | 'paused-fraud'
  | 'paused-dispute'
  | 'paused-legal-hold'
  | 'paused-hardship'
  | 'wording';

export type Denial = {
  rule: RuleCode;
  messageZh: string;
  messageEn: string;
  /** The regulation or policy the rule comes from, for the refusal shown to staff. */
  source: string;
  /** When this rule alone would next allow the contact; null = not until something changes (consent, case closed). */
  allowedFrom: Date | null;
  /** Offending phrases for the wording rule. */
  phrases?: string[];
  /** Whether a supervisor override may lift it (never for consent, opt-out, third-party or wording rules). */
  overridable: boolean;
};

export type ContactDecision =
  | { allowed: true; overridden: RuleCode[] }
  | { allowed: false; denials: Denial[]; earliestAllowedAt: Date | null };

/** Prohibited-wording categories (wording/lexicon.*.json). */
export type WordingCategory =
  | 'threat'
  | 'insult'
  | 'obscenity'
  | 'false-legal-claim'
  | 'false-criminal-liability'
  | 'third-party-disclosure';

export type WordingFinding = { phrase: string; category: WordingCategory };
export type WordingCheck = { ok: boolean; findings: WordingFinding[] };
