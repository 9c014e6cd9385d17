import type { TemplateVariable } from './templates.schema.ts';
import type { TemplateText } from './render.ts';

/**
 * The messages and agent scripts the default collections strategy names
 * (DEFAULT_STRATEGY_TEMPLATE_KEYS in collections/strategies/default-strategy.ts), seeded approved
 * with the other default templates. Tone follows seeds/004 (贷款客户逾期怎么沟通) and the
 * 公约's respectful-language rules: gentle early reminders, firmer later, never a threat; every
 * text names the lender, the amount and the due date, and says how to pay or where to get help.
 * Later-stage texts state only what may really happen (a referral or court action is decided by
 * a supervisor and a court, and announced in writing first) — no immediate consequences.
 *
 * Variables: customerName, lenderName and loanNumber are filled in by the hub from the records;
 * overdueAmountFen, daysPastDue, dueDate (oldest unpaid due date) and outstandingAmountFen by the
 * daily run (reminderVariables in collections/daily-run). Scripts (calls, chats, visits, task
 * briefs) are read by agents on the workbench and are never sent.
 */
export type CollectionsTemplate = { key: string; nameZh: string; nameEn: string; purpose: 'collections'; text: TemplateText };

const v = (name: string, type: TemplateVariable['type']): TemplateVariable => ({ name, type, required: true });
const CUSTOMER = v('customerName', 'string');
const LENDER = v('lenderName', 'string');
const LOAN = v('loanNumber', 'string');
const OVERDUE = v('overdueAmountFen', 'money-fen');
const DUE = v('dueDate', 'date');
const DPD = v('daysPastDue', 'integer');
const OUTSTANDING = v('outstandingAmountFen', 'money-fen');

const MESSAGE_VARS = [CUSTOMER, LENDER, LOAN, OVERDUE, DUE];
const SCRIPT_VARS = [CUSTOMER, LENDER, LOAN, OVERDUE, DUE, DPD];

const PAY_ZH = '您可登录借款人服务平台查看账单并在线还款';
const PAY_EN = 'You can see the statement and pay online in the borrower portal';

const template = (key: string, nameZh: string, nameEn: string, variables: TemplateVariable[], zh: [string, string], en: [string, string]): CollectionsTemplate => ({
  key, nameZh, nameEn, purpose: 'collections',
  text: { variables, subjectZh: zh[0], bodyZh: zh[1], subjectEn: en[0], bodyEn: en[1] },
});

/** Messages: sent through the outbox (sms / email / portal / letter steps). */
const MESSAGES: CollectionsTemplate[] = [
  template('overdue-reminder-sms', '逾期短信提醒', 'Overdue reminder (SMS)', MESSAGE_VARS,
    ['{{lenderName}}还款提醒',
      '【{{lenderName}}】尊敬的{{customerName}}：您的贷款{{loanNumber}}于{{dueDate}}到期的款项尚未结清，目前应还{{overdueAmountFen}}。' +
      `${PAY_ZH}，如已还款请忽略本消息。若暂时有困难，请回复本短信或联系您的客户经理，我们愿意一起商量办法。`],
    ['{{lenderName}} payment reminder',
      '[{{lenderName}}] Dear {{customerName}}, the payment on your loan {{loanNumber}} due on {{dueDate}} is still open: {{overdueAmountFen}} is now due. ' +
      `${PAY_EN}; if you have already paid, please ignore this message. If things are difficult right now, reply to this message or contact your relationship manager and we will find a way together.`]),
  template('overdue-reminder-email', '逾期邮件提醒', 'Overdue reminder (e-mail)', MESSAGE_VARS,
    ['{{lenderName}}：贷款{{loanNumber}}还款提醒',
      '尊敬的{{customerName}}：\n\n您好！我们注意到您在{{lenderName}}的贷款{{loanNumber}}于{{dueDate}}到期的款项尚未结清，目前应还金额为{{overdueAmountFen}}。' +
      '可能只是一时疏忽，特此提醒。\n\n还款方式：' + PAY_ZH + '，也可向还款账户存入足额资金，系统将自动扣款。如您已经还款，请忽略本邮件。\n\n' +
      '如果您近期遇到收入减少、疾病等困难，请直接回复本邮件或联系您的客户经理。我们可以为您介绍宽限期、分期还款等安排。\n\n{{lenderName}}'],
    ['{{lenderName}}: payment reminder for loan {{loanNumber}}',
      'Dear {{customerName}},\n\nWe noticed that the payment on your {{lenderName}} loan {{loanNumber}} due on {{dueDate}} is still open; the amount now due is {{overdueAmountFen}}. ' +
      'It may simply have slipped your mind, so this is a friendly reminder.\n\nHow to pay: ' + PAY_EN + ', or put enough money in your repayment account and it will be collected automatically. If you have already paid, please ignore this e-mail.\n\n' +
      'If you are facing a loss of income, illness or another difficulty, reply to this e-mail or contact your relationship manager. We can explain options such as a grace period or an instalment plan.\n\n{{lenderName}}']),
  template('overdue-reminder-app', '逾期站内提醒', 'Overdue reminder (portal)', MESSAGE_VARS,
    ['还款提醒：贷款{{loanNumber}}',
      '尊敬的{{customerName}}：您在{{lenderName}}的贷款{{loanNumber}}于{{dueDate}}到期的款项尚未结清，目前应还{{overdueAmountFen}}。' +
      '您可在本平台“我的贷款”页面直接还款。如遇到困难，可在此留言或联系您的客户经理，我们会与您一起商量合适的安排。'],
    ['Payment reminder: loan {{loanNumber}}',
      'Dear {{customerName}}, the payment on your {{lenderName}} loan {{loanNumber}} due on {{dueDate}} is still open; {{overdueAmountFen}} is now due. ' +
      'You can pay directly on the "My loans" page of this portal. If you are having difficulties, leave us a message here or contact your relationship manager and we will work out a suitable arrangement with you.']),
  template('overdue-reminder-letter', '逾期提醒函', 'Overdue reminder letter', MESSAGE_VARS,
    ['{{lenderName}}还款提醒函',
      '尊敬的{{customerName}}：\n\n您好！您在{{lenderName}}办理的贷款{{loanNumber}}，于{{dueDate}}到期的款项目前尚未结清，应还金额为{{overdueAmountFen}}。特此致函提醒。\n\n' +
      '还款方式：可到{{lenderName}}营业网点柜台办理，也可向还款账户存入足额资金由系统自动扣款，或请家人协助登录借款人服务平台在线还款。如您已经还款，请忽略本函。\n\n' +
      '如您因身体、家庭或收入原因暂时还款有困难，欢迎到网点或致电您的客户经理，我们会耐心为您介绍宽限期、分期还款等安排。\n\n此致\n敬礼\n\n{{lenderName}}'],
    ['{{lenderName}} payment reminder',
      'Dear {{customerName}},\n\nThe payment on your {{lenderName}} loan {{loanNumber}} due on {{dueDate}} is still open; the amount due is {{overdueAmountFen}}. We are writing to remind you.\n\n' +
      'How to pay: at any {{lenderName}} branch counter, by putting enough money in your repayment account for automatic collection, or online in the borrower portal (a family member may help you sign in). If you have already paid, please ignore this letter.\n\n' +
      'If health, family or income reasons make repaying difficult for now, please visit a branch or call your relationship manager; we will take the time to explain options such as a grace period or an instalment plan.\n\nYours sincerely,\n\n{{lenderName}}']),
  template('formal-demand-letter', '正式催告函', 'Formal demand letter', [...MESSAGE_VARS, DPD, OUTSTANDING],
    ['{{lenderName}}关于贷款{{loanNumber}}的正式催告函',
      '尊敬的{{customerName}}：\n\n您在{{lenderName}}的贷款{{loanNumber}}自{{dueDate}}起未按借款合同约定还款，至今已{{daysPastDue}}天，逾期应还金额为{{overdueAmountFen}}，贷款剩余应还总额为{{outstandingAmountFen}}。' +
      '我们此前已多次提醒，现正式书面催告：请您在收到本函之日起十五日内归还逾期款项，或与我们联系商定还款安排。\n\n' +
      '还款方式：' + PAY_ZH + '，或到{{lenderName}}任一营业网点办理。\n\n' +
      '如您对欠款金额有异议，或确有困难需要分期、延期，请在上述期限内联系您的客户经理，我们会认真核实并协商。' +
      '如期限届满仍未还款也未联系，我们将按照借款合同和法律规定继续处理，可能包括委托依法合规的机构协助联系，或依法通过诉讼途径主张权利；任何此类措施都会事先另行书面通知您。\n\n{{lenderName}}'],
    ['{{lenderName}}: formal demand for loan {{loanNumber}}',
      'Dear {{customerName}},\n\nYour {{lenderName}} loan {{loanNumber}} has not been repaid as agreed in the loan contract since {{dueDate}}, now {{daysPastDue}} days; the overdue amount is {{overdueAmountFen}} and the total balance still to repay is {{outstandingAmountFen}}. ' +
      'We have reminded you several times; this letter is our formal written demand: please repay the overdue amount, or contact us to agree a repayment arrangement, within fifteen days of receiving it.\n\n' +
      'How to pay: ' + PAY_EN + ', or at any {{lenderName}} branch.\n\n' +
      'If you dispute the amount, or need instalments or more time because of genuine difficulty, please contact your relationship manager within that period; we will check and discuss it with you. ' +
      'If the period ends with neither payment nor contact, we will proceed as the loan contract and the law provide, which may include asking a licensed agency to contact you on our behalf or asking a court to decide the claim; you will be told in writing before any such step.\n\n{{lenderName}}']),
  template('final-notice-letter', '最后还款通知函', 'Final notice letter', [...MESSAGE_VARS, DPD, OUTSTANDING],
    ['{{lenderName}}关于贷款{{loanNumber}}的最后通知',
      '尊敬的{{customerName}}：\n\n您在{{lenderName}}的贷款{{loanNumber}}自{{dueDate}}起逾期已{{daysPastDue}}天，逾期应还金额为{{overdueAmountFen}}，剩余应还总额为{{outstandingAmountFen}}。尽管我们多次与您联系，款项仍未结清。\n\n' +
      '这是在我们考虑进一步措施之前的最后通知。请于收到本函之日起十五日内还款，或与我们联系达成书面还款协议。' + PAY_ZH + '，或到{{lenderName}}任一营业网点办理。\n\n' +
      '我们仍然愿意倾听您的情况：如有困难，可以商议分期还款或重组方案；如对金额有异议，请告诉我们，我们会核实。' +
      '期限届满后如仍未还款也未联系，经主管审批，我们可能将贷款委托依法合规的外部机构协助处理，或依法向人民法院提起诉讼。采取任何措施前，我们都会另行书面通知您。\n\n{{lenderName}}'],
    ['{{lenderName}}: final notice for loan {{loanNumber}}',
      'Dear {{customerName}},\n\nYour {{lenderName}} loan {{loanNumber}} has been overdue since {{dueDate}}, now {{daysPastDue}} days; the overdue amount is {{overdueAmountFen}} and the total balance still to repay is {{outstandingAmountFen}}. Despite our repeated contact, it has not been settled.\n\n' +
      'This is our final notice before we consider further steps. Please pay within fifteen days of receiving this letter, or contact us to agree a written repayment arrangement. ' + PAY_EN + ', or at any {{lenderName}} branch.\n\n' +
      'We are still willing to listen: if you are in difficulty, we can discuss an instalment plan or a restructuring; if you dispute the amount, tell us and we will check it. ' +
      'If the period ends with neither payment nor contact, and with a supervisor\'s approval, we may pass the loan to a licensed external agency or take the claim to a people\'s court in accordance with the law. You will be told in writing before any such step.\n\n{{lenderName}}']),
];

/** Scripts and briefs: shown to the agent for call, chat, visit and task steps; never sent. */
const SCRIPTS: CollectionsTemplate[] = [
  template('overdue-reminder-chat', '逾期在线沟通话术', 'Overdue reminder (online chat script)', SCRIPT_VARS,
    ['在线沟通话术：早期提醒',
      '1. 问候：“您好，{{customerName}}，我是{{lenderName}}的客服。”\n2. 提醒：“您的贷款{{loanNumber}}于{{dueDate}}到期的款项还未结清，目前应还{{overdueAmountFen}}，想和您确认一下是否方便处理。”\n' +
      `3. 还款方式：“${PAY_ZH}，我可以把入口发给您。”\n4. 了解情况：如客户表示有困难，耐心倾听，说明可以申请宽限期或分期，并登记原因。\n5. 结束：感谢客户，记录结果（已还款、承诺还款日期和金额、需要回访）。语气友好，不催促、不施压。`],
    ['Online chat script: early reminder',
      '1. Greeting: "Hello {{customerName}}, this is {{lenderName}} customer service."\n2. Reminder: "The payment on your loan {{loanNumber}} due on {{dueDate}} is still open; {{overdueAmountFen}} is now due. Is now a good time to sort it out?"\n' +
      `3. How to pay: "${PAY_EN}; I can send you the link."\n4. Listen: if the customer mentions difficulties, listen patiently, explain that a grace period or instalments can be requested, and record the reason.\n5. Close: thank the customer and record the outcome (paid, promise with date and amount, follow-up needed). Keep the tone friendly; do not rush or pressure.`]),
  template('gentle-reminder-call', '温和提醒电话话术', 'Gentle reminder call script', SCRIPT_VARS,
    ['电话话术：温和提醒（60岁及以上客户）',
      '1. 问候并表明身份：“您好，请问是{{customerName}}吗？我是{{lenderName}}的工作人员。”核实身份后再谈贷款事宜。\n' +
      '2. 放慢语速、清楚说明：“您的贷款{{loanNumber}}在{{dueDate}}到期的那笔款项还没有还上，金额是{{overdueAmountFen}}。”\n' +
      '3. 还款方式：可到网点柜台办理、向还款账户存钱自动扣款，或请家人协助在线还款；需要时可约网点工作人员协助。\n' +
      '4. 关心情况：询问是否有身体、家庭或收入方面的困难；如有，说明可以申请宽限期或分期，并登记。\n5. 确认并记录结果；感谢客户。语气耐心、尊重，不施压。'],
    ['Call script: gentle reminder (customers 60 or over)',
      '1. Greet and identify yourself: "Hello, am I speaking with {{customerName}}? I am calling from {{lenderName}}." Verify identity before discussing the loan.\n' +
      '2. Speak slowly and clearly: "The payment on your loan {{loanNumber}} due on {{dueDate}} has not been made yet; the amount is {{overdueAmountFen}}."\n' +
      '3. How to pay: at a branch counter, by depositing into the repayment account for automatic collection, or online with a family member\'s help; branch staff can assist by appointment.\n' +
      '4. Ask how they are: any health, family or income difficulty? If so, explain that a grace period or instalments can be requested, and record it.\n5. Confirm and record the outcome; thank the customer. Be patient and respectful; no pressure.']),
  template('collections-call-script', '催收电话话术', 'Collections call script', SCRIPT_VARS,
    ['电话话术：逾期31-90天',
      '1. 问候并表明身份：“您好，我是{{lenderName}}的工作人员，请问是{{customerName}}本人吗？”仅在核实本人后谈及贷款。\n' +
      '2. 说明情况：“您的贷款{{loanNumber}}自{{dueDate}}起已逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}。”\n' +
      '3. 了解原因：请客户说明未还款的原因，区分“有意愿但暂时无力偿还”（收入减少、疾病、经营困难等）与“不愿还款”，如实记录。\n' +
      `4. 商定方案：可以还款的，约定还款日期和金额（承诺还款）；确有困难的，介绍宽限期、分期或重组并创建安排；${PAY_ZH}或到网点办理。\n` +
      '5. 客户提出异议或投诉时，登记并转交处理，暂停催收。\n6. 结束并记录结果。全程文明礼貌，不使用任何威胁、侮辱或夸大后果的言辞。'],
    ['Call script: 31–90 days past due',
      '1. Greet and identify yourself: "Hello, I am calling from {{lenderName}}. Am I speaking with {{customerName}}?" Discuss the loan only once identity is verified.\n' +
      '2. State the position: "Your loan {{loanNumber}} has been overdue since {{dueDate}}, {{daysPastDue}} days; the overdue amount is {{overdueAmountFen}}."\n' +
      '3. Understand why: ask the reason and tell willing-but-unable (income loss, illness, business failure…) from unwilling; record it faithfully.\n' +
      `4. Agree a way forward: if they can pay, agree a date and amount (promise to pay); if in genuine difficulty, explain a grace period, instalment plan or restructuring and create the arrangement. ${PAY_EN}, or at a branch.\n` +
      '5. If the customer disputes the amount or complains, record it and hand it over; collection contact pauses.\n6. Close and record the outcome. Stay courteous throughout: no threats, insults or exaggerated consequences.']),
  template('collections-chat-script', '催收在线沟通话术', 'Collections online chat script', SCRIPT_VARS,
    ['在线沟通话术：逾期31-90天',
      '1. 开场：“{{customerName}}您好，我是{{lenderName}}的客服，想和您沟通一下贷款{{loanNumber}}的还款情况。”\n' +
      '2. 说明：自{{dueDate}}起已逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}。\n3. 询问原因并记录（有意愿但暂时无力偿还 / 不愿还款）。\n' +
      `4. 方案：约定还款日期和金额；或介绍宽限期、分期等安排并发送申请入口；${PAY_ZH}。\n5. 如客户希望电话沟通，预约回电时间。记录结果。用语礼貌，不施压。`],
    ['Online chat script: 31–90 days past due',
      '1. Opening: "Hello {{customerName}}, this is {{lenderName}} customer service. I would like to talk with you about repaying loan {{loanNumber}}."\n' +
      '2. Explain: overdue since {{dueDate}}, {{daysPastDue}} days; overdue amount {{overdueAmountFen}}.\n3. Ask the reason and record it (willing but unable / unwilling).\n' +
      `4. Options: agree a payment date and amount, or explain a grace period or instalment plan and send the application link. ${PAY_EN}.\n5. If the customer prefers a call, book a callback time. Record the outcome. Courteous wording, no pressure.`]),
  template('late-stage-call-script', '后期催收电话话术', 'Late-stage call script', [...SCRIPT_VARS, OUTSTANDING],
    ['电话话术：逾期91-180天',
      '1. 问候并表明身份，核实本人：“您好，我是{{lenderName}}的工作人员，请问是{{customerName}}本人吗？”\n' +
      '2. 明确说明：贷款{{loanNumber}}自{{dueDate}}起已逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}，剩余应还总额{{outstandingAmountFen}}；此前的提醒尚未得到解决。\n' +
      '3. 请客户给出明确的还款计划：还款日期和金额，或申请分期、重组；说明书面还款协议可在借款人服务平台确认。\n' +
      '4. 如实说明后续：如长期不还款也不联系，{{lenderName}}可能按合同和法律规定继续处理（如上门拜访、委托合规机构或诉讼），任何措施均需审批并事先书面通知。只陈述事实，不夸大、不威胁。\n' +
      `5. ${PAY_ZH}或到网点办理。记录结果与客户的还款意愿。`],
    ['Call script: 91–180 days past due',
      '1. Greet, identify yourself and verify identity: "Hello, I am calling from {{lenderName}}. Am I speaking with {{customerName}}?"\n' +
      '2. Be clear: loan {{loanNumber}} has been overdue since {{dueDate}}, {{daysPastDue}} days; overdue amount {{overdueAmountFen}}, total balance {{outstandingAmountFen}}; earlier reminders have not resolved it.\n' +
      '3. Ask for a concrete plan: a payment date and amount, or an application for instalments or a restructuring; a written arrangement can be confirmed in the borrower portal.\n' +
      '4. State what may follow, truthfully: if the loan stays unpaid with no contact, {{lenderName}} may proceed as the contract and the law allow (a visit, a licensed agency, a court claim); every such step needs approval and is announced in writing first. State facts only; no exaggeration, no threats.\n' +
      `5. ${PAY_EN}, or at a branch. Record the outcome and the customer's willingness to pay.`]),
  template('formal-demand-call', '正式催告电话话术', 'Formal demand call script', [...SCRIPT_VARS, OUTSTANDING],
    ['电话话术：正式催告（不愿还款客户）',
      '1. 表明身份并核实本人：“您好，我是{{lenderName}}的工作人员，请问是{{customerName}}本人吗？”\n' +
      '2. 说明我们已寄出正式催告函：贷款{{loanNumber}}自{{dueDate}}起逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}，剩余应还总额{{outstandingAmountFen}}。\n' +
      '3. 请客户在函件期限内还款或商定书面还款安排；如对金额有异议，登记异议并暂停催收。\n' +
      '4. 如实说明：期限届满仍未解决的，{{lenderName}}可能依法通过诉讼途径主张权利，须经主管审批并事先书面通知。语气坚定、平和，不威胁、不侮辱。\n' +
      `5. ${PAY_ZH}或到网点办理。记录通话结果，作为证据链的一部分。`],
    ['Call script: formal demand (unwilling customers)',
      '1. Identify yourself and verify identity: "Hello, I am calling from {{lenderName}}. Am I speaking with {{customerName}}?"\n' +
      '2. Explain that a formal demand letter has been sent: loan {{loanNumber}} overdue since {{dueDate}}, {{daysPastDue}} days; overdue amount {{overdueAmountFen}}; total balance {{outstandingAmountFen}}.\n' +
      '3. Ask the customer to pay, or to agree a written arrangement, within the period the letter gives; if they dispute the amount, record the dispute and pause collection.\n' +
      '4. State truthfully: if it is not resolved by then, {{lenderName}} may bring a claim in court, with a supervisor\'s approval and written notice first. Firm and calm; no threats, no insults.\n' +
      `5. ${PAY_EN}, or at a branch. Record the call outcome as part of the evidence chain.`]),
  template('hardship-check-in-call', '困难客户关怀回访话术', 'Hardship check-in call script', SCRIPT_VARS,
    ['电话话术：困难客户关怀回访',
      '1. 问候并表明身份：“您好，{{customerName}}，我是{{lenderName}}的工作人员，想了解一下您最近的情况。”\n' +
      '2. 先关心、后谈钱：询问身体、工作、家庭近况，耐心倾听，不催促。\n' +
      '3. 说明现状：贷款{{loanNumber}}自{{dueDate}}起尚有{{overdueAmountFen}}未还；我们理解您的困难，可以继续延长宽限期、调整分期或重组。\n' +
      `4. 商量下一步：按客户能力确定方案并在借款人服务平台发送书面协议；${PAY_ZH}。\n5. 记录情况和客户意愿，约定下次回访时间。`],
    ['Call script: hardship check-in',
      '1. Greet and identify yourself: "Hello {{customerName}}, this is {{lenderName}}. We would like to hear how you are doing."\n' +
      '2. Ask about the person first, money second: health, work, family; listen patiently, no hurry.\n' +
      '3. Explain the position: on loan {{loanNumber}}, {{overdueAmountFen}} has been open since {{dueDate}}; we understand the difficulty and can extend the grace period, adjust instalments or restructure.\n' +
      `4. Agree the next step: a plan the customer can afford, sent as a written agreement in the borrower portal; ${PAY_EN}.\n5. Record the situation and the customer's wishes; agree when to check in next.`]),
  template('hardship-check-in-chat', '困难客户关怀在线沟通', 'Hardship check-in chat script', SCRIPT_VARS,
    ['在线沟通话术：困难客户关怀',
      '1. “{{customerName}}您好，我是{{lenderName}}的客服。想问问您最近情况怎么样，有什么我们可以帮忙的吗？”\n' +
      '2. 倾听并记录客户的困难（收入减少、疾病、经营困难、家庭变故等）。\n' +
      '3. 说明：贷款{{loanNumber}}自{{dueDate}}起尚有{{overdueAmountFen}}未还，可以申请宽限期、分期或重组，协议在借款人服务平台确认。\n' +
      `4. ${PAY_ZH}。如客户希望电话沟通，预约时间。不施压，尊重客户意愿。`],
    ['Online chat script: hardship check-in',
      '1. "Hello {{customerName}}, this is {{lenderName}} customer service. How have things been? Is there anything we can help with?"\n' +
      '2. Listen and record the difficulty (income loss, illness, business failure, a family event…).\n' +
      '3. Explain: on loan {{loanNumber}}, {{overdueAmountFen}} has been open since {{dueDate}}; a grace period, instalment plan or restructuring can be requested and is confirmed in the borrower portal.\n' +
      `4. ${PAY_EN}. If the customer prefers a call, book a time. No pressure; respect the customer's wishes.`]),
  template('hardship-arrangement-offer', '困难客户还款安排评估', 'Hardship arrangement review brief', [...SCRIPT_VARS, OUTSTANDING],
    ['任务说明：困难客户还款安排评估',
      '客户{{customerName}}（{{lenderName}}贷款{{loanNumber}}）被标记为困难、特殊关怀或“有意愿但暂时无力偿还”。自{{dueDate}}起逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}，剩余应还总额{{outstandingAmountFen}}。\n' +
      '1. 查看客户登记的困难原因和证明材料。\n2. 用还款安排计算器评估宽限期、分期或重组，选择客户可以负担的方案；超出权限的提交主管审批。\n' +
      '3. 生成中英文书面协议，发送到借款人服务平台由客户确认；确认后还款计划自动更新。\n4. 在此期间暂停自动催收提醒，只由专人联系。告知客户如有问题可随时联系客户经理。'],
    ['Task brief: hardship arrangement review',
      'Customer {{customerName}} ({{lenderName}} loan {{loanNumber}}) is flagged for hardship or special care, or is willing but unable to pay. Overdue since {{dueDate}}, {{daysPastDue}} days; overdue amount {{overdueAmountFen}}; total balance {{outstandingAmountFen}}.\n' +
      '1. Review the recorded reason for the difficulty and any supporting documents.\n2. Use the arrangement calculator to assess a grace period, instalment plan or restructuring the customer can afford; submit for supervisor approval above your limits.\n' +
      '3. Produce the written agreement (Chinese and English) and send it to the borrower portal for the customer to confirm; the schedule changes once confirmed.\n4. Automated reminders stay paused meanwhile; only a named person contacts the customer. Tell the customer they can contact their relationship manager at any time.']),
  template('face-to-face-visit-brief', '面谈拜访说明', 'Face-to-face visit brief', SCRIPT_VARS,
    ['拜访说明：面对面沟通（60岁及以上客户）',
      '拜访对象：{{customerName}}，{{lenderName}}贷款{{loanNumber}}，自{{dueDate}}起逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}。\n' +
      '1. 提前电话预约，在客户方便的时间、地点拜访（可邀请网点或社区人员陪同）；两人同行，出示工作证。\n' +
      '2. 面谈只与客户本人谈贷款事宜，不向邻居或其他人透露。\n3. 耐心说明还款方式（网点柜台、自动扣款、家人协助在线还款），了解是否有困难，介绍宽限期和分期安排。\n' +
      '4. 如客户拒绝拜访，礼貌离开并登记。记录面谈结果。全程尊重客户，不施压。'],
    ['Visit brief: face-to-face conversation (customers 60 or over)',
      'Customer: {{customerName}}, {{lenderName}} loan {{loanNumber}}, overdue since {{dueDate}}, {{daysPastDue}} days; overdue amount {{overdueAmountFen}}.\n' +
      '1. Book the visit by phone first, at a time and place that suits the customer (branch or community staff may come along); go in pairs and show staff ID.\n' +
      '2. Discuss the loan with the customer only; never mention it to neighbours or anyone else.\n3. Explain patiently how to pay (branch counter, automatic collection, online with family help), ask about difficulties, explain grace periods and instalments.\n' +
      '4. If the customer declines the visit, leave politely and record it. Record the outcome. Respectful throughout, no pressure.']),
  template('field-visit-brief', '外访说明', 'Field visit brief', [...SCRIPT_VARS, OUTSTANDING],
    ['外访说明：逾期91-180天',
      '外访对象：{{customerName}}，{{lenderName}}贷款{{loanNumber}}，自{{dueDate}}起逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}，剩余应还总额{{outstandingAmountFen}}。\n' +
      '1. 出发前在工作台确认可以联系（无投诉、争议或暂停），核对地址。\n2. 两人同行，着工作装、出示工作证，在工作台显示可以联系的时段内拜访；全程记录。\n' +
      '3. 只与客户本人沟通，不向家人、邻居、同事透露欠款。\n4. 了解未还款原因，请客户给出还款计划或申请分期、重组；说明还款方式（借款人服务平台、网点、自动扣款）。\n' +
      '5. 客户拒绝沟通时礼貌离开，不停留、不纠缠。回来后登记结果和客户意愿。'],
    ['Field visit brief: 91–180 days past due',
      'Customer: {{customerName}}, {{lenderName}} loan {{loanNumber}}, overdue since {{dueDate}}, {{daysPastDue}} days; overdue amount {{overdueAmountFen}}; total balance {{outstandingAmountFen}}.\n' +
      '1. Before leaving, check on the workbench that contact is allowed (no complaint, dispute or pause) and confirm the address.\n2. Go in pairs, in work clothes with staff ID, within the hours the workbench shows contact is allowed; record the visit.\n' +
      '3. Speak with the customer only; never tell family, neighbours or colleagues about the amount due.\n4. Ask why it is unpaid; ask for a payment plan or an application for instalments or a restructuring; explain how to pay (borrower portal, branch, automatic collection).\n' +
      '5. If the customer declines to talk, leave politely; do not linger or insist. Record the outcome and the customer\'s willingness afterwards.']),
  template('legal-evidence-checklist', '诉讼证据清单', 'Legal evidence checklist', [...SCRIPT_VARS, OUTSTANDING],
    ['任务说明：整理证据材料',
      '案件：{{customerName}}，{{lenderName}}贷款{{loanNumber}}，自{{dueDate}}起逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}，剩余应还总额{{outstandingAmountFen}}。\n' +
      '请整理并核对：1. 借款合同及签署记录；2. 放款凭证与还款计划；3. 还款和账户流水；4. 全部联系记录（短信、邮件、信函、通话、外访），含正式催告函及送达证明；' +
      '5. 承诺还款和违约记录、已签或被拒的还款协议；6. 客户提出的异议、投诉及处理结果。\n材料不完整或客户有未决异议时，先补充或处理，再提交审批。客户如联系还款或申请安排，照常受理。'],
    ['Task brief: evidence pack',
      'Case: {{customerName}}, {{lenderName}} loan {{loanNumber}}, overdue since {{dueDate}}, {{daysPastDue}} days; overdue amount {{overdueAmountFen}}; total balance {{outstandingAmountFen}}.\n' +
      'Collect and check: 1. the loan contract and its signing record; 2. the disbursement record and the schedule; 3. payments and account statements; 4. every contact record (SMS, e-mail, letters, calls, visits), including the formal demand and proof of delivery; ' +
      '5. promises to pay and broken ones, arrangements signed or declined; 6. disputes and complaints raised by the customer and how they were resolved.\nIf anything is missing or a dispute is still open, complete or resolve it before asking for approval. If the customer gets in touch to pay or to ask for an arrangement, handle it as usual.']),
  template('legal-referral-brief', '法律诉讼移交说明', 'Legal referral brief', [...SCRIPT_VARS, OUTSTANDING],
    ['审批说明：移交法律部门',
      '建议将{{customerName}}（{{lenderName}}贷款{{loanNumber}}）移交法律部门评估诉讼。自{{dueDate}}起逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}，剩余应还总额{{outstandingAmountFen}}。\n' +
      '主管审批前请确认：证据清单完整；已送达正式催告函且期限届满；无未决投诉、争议或暂停；客户并非困难或特殊关怀客户。\n' +
      '审批通过后书面通知客户，并告知客户仍可联系{{lenderName}}还款或协商还款安排。'],
    ['Approval brief: referral to the legal department',
      'Proposal: refer {{customerName}} ({{lenderName}} loan {{loanNumber}}) to the legal department to assess a court claim. Overdue since {{dueDate}}, {{daysPastDue}} days; overdue amount {{overdueAmountFen}}; total balance {{outstandingAmountFen}}.\n' +
      'Before approving, the supervisor confirms: the evidence pack is complete; the formal demand was delivered and its period has ended; no complaint, dispute or pause is open; the customer is not flagged for hardship or special care.\n' +
      'Once approved, tell the customer in writing, and that they can still contact {{lenderName}} to pay or to agree an arrangement.']),
  template('external-agency-brief', '委托外部机构说明', 'External agency referral brief', [...SCRIPT_VARS, OUTSTANDING],
    ['审批说明：委托外部催收机构',
      '建议将{{customerName}}（{{lenderName}}贷款{{loanNumber}}）委托依法合规的外部机构协助处理。自{{dueDate}}起逾期{{daysPastDue}}天，逾期金额{{overdueAmountFen}}，剩余应还总额{{outstandingAmountFen}}。\n' +
      '主管审批前请确认：已送达最后通知函且期限届满；无未决投诉、争议或暂停；受托机构签有合规协议，遵守联系时间、频次和文明用语要求，仅使用本行批准的模板。\n' +
      '委托前书面通知客户受托机构名称和联系方式，并告知客户仍可直接联系{{lenderName}}还款或协商安排。'],
    ['Approval brief: referral to an external agency',
      'Proposal: refer {{customerName}} ({{lenderName}} loan {{loanNumber}}) to a licensed external agency. Overdue since {{dueDate}}, {{daysPastDue}} days; overdue amount {{overdueAmountFen}}; total balance {{outstandingAmountFen}}.\n' +
      'Before approving, the supervisor confirms: the final notice was delivered and its period has ended; no complaint, dispute or pause is open; the agency has signed our conduct agreement (contact hours, frequency, respectful wording, approved templates only).\n' +
      'Before the referral, tell the customer in writing the agency\'s name and contact details, and that they can still contact {{lenderName}} directly to pay or to agree an arrangement.']),
];

export const COLLECTIONS_TEMPLATES: readonly CollectionsTemplate[] = [...MESSAGES, ...SCRIPTS];
