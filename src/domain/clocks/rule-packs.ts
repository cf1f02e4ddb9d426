/**
 * The built-in rule packs: versioned data, one pack per regime, each rule citing its source.
 * The decision trees that choose among the rules live in decision-trees.ts; the periods,
 * recipients and citations live here so that they can be shown, reviewed and configured.
 *
 * Source tags follow the reference notes: VERBATIM (text read directly), SECONDARY (taken from a
 * secondary source), RECALL (reconstructed; verify against the official text before relying on it).
 */
import type { Period } from './calendars.ts';

export type SourceTag = 'VERBATIM' | 'SECONDARY' | 'RECALL';
export type ObligationKind = 'report' | 'notice' | 'condition' | 'action' | 'record';

export interface RuleDefinition {
  /** Obligation id (stable; used as the key in `fulfilled`). Repeated obligations get `#n`. */
  readonly id: string;
  readonly title: string;
  readonly kind: ObligationKind;
  readonly recipient: string;
  /** What starts the clock, in words. */
  readonly trigger: string;
  readonly period: Period;
  readonly citation: string;
  readonly sourceTag: SourceTag;
  readonly notes?: string;
}

export interface RulePack {
  readonly id: string;
  /** Pack data version; bump on any change of a period, trigger or citation. */
  readonly version: string;
  readonly title: string;
  readonly jurisdiction: 'US' | 'EU';
  readonly enabledByDefault: boolean;
  /** Shown when the pack is disabled by default. */
  readonly disabledReason?: string;
  /** Sources, with their dates. */
  readonly sources: readonly { readonly key: string; readonly title: string; readonly url?: string }[];
  readonly rules: readonly RuleDefinition[];
}

export const fdaPostmarketPack: RulePack = {
  id: 'fda-postmarket',
  version: '1.0.0',
  title: 'FDA postmarket cybersecurity: POST16 enforcement-discretion conditions and 21 CFR Part 806',
  jurisdiction: 'US',
  enabledByDefault: true,
  sources: [
    { key: 'POST16', title: 'FDA, Postmarket Management of Cybersecurity in Medical Devices, final guidance, Dec 28 2016', url: 'https://www.fda.gov/media/95862/download' },
    { key: '806', title: '21 CFR Part 806, Reports of corrections and removals', url: 'https://www.ecfr.gov/current/title-21/chapter-I/subchapter-H/part-806' },
  ],
  rules: [
    {
      id: 'fda-post16-customer-communication',
      title: 'Uncontrolled risk: communicate with customers, identify compensating controls, remediation plan (POST16 condition 2)',
      kind: 'condition',
      recipient: 'Customers and user community; the ISAO receives the customer communication',
      trigger: 'events.becameAware (learning of the vulnerability)',
      period: { unit: 'calendar-days', amount: 30 },
      citation: 'POST16 §VII.B condition 2 ("as soon as possible but no later than 30 days")',
      sourceTag: 'VERBATIM',
      notes: 'Condition of enforcement discretion from 806 reporting, not a standalone legal deadline. Days read as calendar days (unit not stated).',
    },
    {
      id: 'fda-post16-fix-distributed',
      title: 'Uncontrolled risk: fix, validate and distribute a deployable fix (POST16 condition 3)',
      kind: 'condition',
      recipient: 'Customers and user community',
      trigger: 'events.becameAware (learning of the vulnerability)',
      period: { unit: 'calendar-days', amount: 60 },
      citation: 'POST16 §VII.B condition 3 ("as soon as possible but no later than 60 days")',
      sourceTag: 'VERBATIM',
      notes: 'Condition of enforcement discretion from 806 reporting. Days read as calendar days (unit not stated).',
    },
    {
      id: 'fda-806-report',
      title: 'Report of correction or removal (21 CFR 806.10)',
      kind: 'report',
      recipient: 'FDA',
      trigger: 'events.correctionInitiated (initiating the correction or removal)',
      period: { unit: 'us-work-days', amount: 10 },
      citation: '21 CFR 806.10(a),(b) ("within 10-working days of initiating")',
      sourceTag: 'VERBATIM',
      notes: 'Part 806 does not define "working day"; the 803.3 work-day definition is used.',
    },
    {
      id: 'fda-806-amendment',
      title: 'Amendment of the 806 report: correction extended to more lots, batches or versions (806.10(d))',
      kind: 'report',
      recipient: 'FDA',
      trigger: 'events.correctionExtended[n] (initiating the extension)',
      period: { unit: 'us-work-days', amount: 10 },
      citation: '21 CFR 806.10(d)',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'fda-806-20-record',
      title: 'Record of an unreported correction or removal, with justification reviewed by a designated person (806.20)',
      kind: 'record',
      recipient: 'Internal (FDA inspection)',
      trigger: 'the action is taken',
      period: { unit: 'no-fixed-period', text: 'keep for 2 years beyond the expected life of the device' },
      citation: '21 CFR 806.20(a)–(c); 806.20(b)(4)',
      sourceTag: 'RECALL',
    },
  ],
};

export const fdaMdrPack: RulePack = {
  id: 'fda-mdr',
  version: '1.0.0',
  title: 'FDA Medical Device Reporting (21 CFR Part 803)',
  jurisdiction: 'US',
  enabledByDefault: true,
  sources: [{ key: '803', title: '21 CFR Part 803, Medical Device Reporting', url: 'https://www.ecfr.gov/current/title-21/chapter-I/subchapter-H/part-803' }],
  rules: [
    {
      id: 'fda-803-30-day',
      title: 'MDR report: death, serious injury or reportable malfunction (803.50)',
      kind: 'report',
      recipient: 'FDA (eMDR)',
      trigger: 'events.adverseEventAware (became aware of information reasonably suggesting a reportable event)',
      period: { unit: 'calendar-days', amount: 30 },
      citation: '21 CFR 803.50(a) ("no later than 30 calendar days after the day that you receive or otherwise become aware")',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'fda-803-5-day',
      title: '5-day report: remedial action needed, or FDA written request (803.53)',
      kind: 'report',
      recipient: 'FDA (eMDR)',
      trigger: 'events.remedialActionAware (else events.adverseEventAware); for 803.53(b) the later of the event awareness and the written request',
      period: { unit: 'us-work-days', amount: 5 },
      citation: '21 CFR 803.53(a),(b); work day per 803.3',
      sourceTag: 'VERBATIM',
      notes: 'A 5-day report is submitted instead of the 30-day report for the same event.',
    },
    {
      id: 'fda-803-supplement',
      title: 'MDR supplemental report: new information (803.56)',
      kind: 'report',
      recipient: 'FDA (eMDR)',
      trigger: 'events.mdrNewInformation[n] (receipt of the new information)',
      period: { unit: 'calendar-days', amount: 30 },
      citation: '21 CFR 803.56',
      sourceTag: 'SECONDARY',
    },
  ],
};

export const fda524bPack: RulePack = {
  id: 'fda-524b',
  version: '1.0.0',
  title: 'FD&C Act §524B cyber devices: out-of-cycle updates for critical vulnerabilities',
  jurisdiction: 'US',
  enabledByDefault: true,
  sources: [
    { key: '524B', title: 'FD&C Act §524B, 21 U.S.C. 360n-2 (FDORA §3305, Pub. L. 117-328)' },
    { key: 'PRE26', title: 'FDA, Cybersecurity in Medical Devices: QMS Considerations and Content of Premarket Submissions, Feb 3 2026', url: 'https://www.fda.gov/media/119933/download' },
  ],
  rules: [
    {
      id: 'fda-524b-out-of-cycle-patch',
      title: 'Make an update or patch available out of cycle for a critical vulnerability that could cause uncontrolled risk (524B(b)(2)(B))',
      kind: 'action',
      recipient: 'Users and customers',
      trigger: 'events.becameAware',
      period: { unit: 'no-fixed-period', text: 'as soon as possible out of cycle (no number in the statute)' },
      citation: '21 U.S.C. 360n-2(b)(2)(B); PRE26 fn 66',
      sourceTag: 'VERBATIM',
      notes: "POST16's 60-day mark (fda-post16-fix-distributed) is FDA's only published number.",
    },
  ],
};

export const hipaaPack: RulePack = {
  id: 'hipaa',
  version: '1.0.0',
  title: 'HIPAA breach notification (45 CFR 164.400–414)',
  jurisdiction: 'US',
  enabledByDefault: true,
  sources: [{ key: 'HIPAA', title: '45 CFR 164.400–414, Notification in the case of breach of unsecured PHI' }],
  rules: [
    {
      id: 'hipaa-individual-notice',
      title: 'Notify each affected individual (164.404)',
      kind: 'notice',
      recipient: 'Affected individuals',
      trigger: 'events.phiBreachDiscovered (discovery, incl. when it would have been known with reasonable diligence)',
      period: { unit: 'calendar-days', amount: 60 },
      citation: '45 CFR 164.404(a),(b) ("without unreasonable delay and in no case later than 60 calendar days after discovery")',
      sourceTag: 'VERBATIM',
      notes: '60 days is an outer limit, not a target.',
    },
    {
      id: 'hipaa-media-notice',
      title: 'Notify prominent media in each State with more than 500 affected residents (164.406)',
      kind: 'notice',
      recipient: 'Prominent media outlets serving the State or jurisdiction',
      trigger: 'events.phiBreachDiscovered',
      period: { unit: 'calendar-days', amount: 60 },
      citation: '45 CFR 164.406 ("more than 500 residents of a State or jurisdiction")',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'hipaa-hhs-notice',
      title: 'Notify HHS contemporaneously with the individual notice: 500 or more individuals (164.408(b))',
      kind: 'report',
      recipient: 'HHS Secretary (OCR breach portal)',
      trigger: 'events.phiBreachDiscovered',
      period: { unit: 'calendar-days', amount: 60 },
      citation: '45 CFR 164.408(b)',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'hipaa-hhs-annual-log',
      title: 'Submit the log of breaches under 500 individuals for the calendar year of discovery (164.408(c))',
      kind: 'report',
      recipient: 'HHS Secretary (OCR breach portal)',
      trigger: 'events.phiBreachDiscovered (its calendar year)',
      period: { unit: 'days-after-year-end', amount: 60 },
      citation: '45 CFR 164.408(c) ("not later than 60 days after the end of each calendar year")',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'hipaa-ba-notice',
      title: 'Business associate: notify the covered entity (164.410)',
      kind: 'notice',
      recipient: 'Covered entity',
      trigger: 'events.phiBreachDiscovered (by the business associate)',
      period: { unit: 'calendar-days', amount: 60 },
      citation: '45 CFR 164.410',
      sourceTag: 'VERBATIM',
      notes: 'Business associate agreements often set a shorter period.',
    },
  ],
};

export const euMdrPack: RulePack = {
  id: 'eu-mdr',
  version: '1.0.0',
  title: 'EU MDR vigilance (Regulation (EU) 2017/745 Art 87)',
  jurisdiction: 'EU',
  enabledByDefault: true,
  sources: [
    { key: 'MDR', title: 'Regulation (EU) 2017/745 on medical devices, Art 2, 87, 89' },
    { key: '1182/71', title: 'Regulation (EEC, Euratom) No 1182/71 on periods, dates and time limits' },
  ],
  rules: [
    {
      id: 'eu-mdr-serious-incident-2-day',
      title: 'Serious public health threat report (Art 87(4))',
      kind: 'report',
      recipient: 'Competent authority of the Member State where the incident occurred',
      trigger: 'events.becameAware (manufacturer becomes aware of the threat)',
      period: { unit: 'eu-days', amount: 2 },
      citation: 'MDR Art 87(4) ("immediately, and not later than 2 days")',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'eu-mdr-serious-incident-10-day',
      title: 'Serious incident report: death or unanticipated serious deterioration (Art 87(5))',
      kind: 'report',
      recipient: 'Competent authority of the Member State where the incident occurred',
      trigger: 'events.becameAware',
      period: { unit: 'eu-days', amount: 10 },
      citation: 'MDR Art 87(5) ("not later than 10 days")',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'eu-mdr-serious-incident-15-day',
      title: 'Serious incident report (Art 87(1)(a), 87(3))',
      kind: 'report',
      recipient: 'Competent authority of the Member State where the incident occurred',
      trigger: 'events.becameAware',
      period: { unit: 'eu-days', amount: 15 },
      citation: 'MDR Art 87(3) ("not later than 15 days")',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'eu-mdr-fsca-report',
      title: 'Field safety corrective action report, in advance of the FSCA (Art 87(1)(b), 87(8))',
      kind: 'report',
      recipient: 'Competent authorities (EUDAMED)',
      trigger: 'events.fscaStart (the FSCA being undertaken)',
      period: { unit: 'before-trigger' },
      citation: 'MDR Art 87(1)(b), 87(8)',
      sourceTag: 'RECALL',
      notes: 'Except in urgency. Submit the draft FSN to the competent authority first (Art 89(8); MDCG 2023-3 Rev.2: 2 weekdays for comments).',
    },
  ],
};

export const euCraPack: RulePack = {
  id: 'eu-cra',
  version: '1.0.0',
  title: 'EU Cyber Resilience Act Art 14 (products with digital elements that are not MDR/IVDR devices)',
  jurisdiction: 'EU',
  enabledByDefault: true,
  sources: [
    { key: 'CRA', title: 'Regulation (EU) 2024/2847 (Cyber Resilience Act), Art 2, 14, 69, 71' },
    { key: '1182/71', title: 'Regulation (EEC, Euratom) No 1182/71 on periods, dates and time limits' },
  ],
  rules: [
    {
      id: 'cra-aev-early-warning',
      title: 'Actively exploited vulnerability: early warning (Art 14(2)(a))',
      kind: 'report',
      recipient: 'Coordinator CSIRT and ENISA via the Single Reporting Platform',
      trigger: 'events.becameAware (aware of the actively exploited vulnerability)',
      period: { unit: 'hours', amount: 24 },
      citation: 'CRA Art 14(1), 14(2)(a)',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'cra-aev-notification',
      title: 'Actively exploited vulnerability: vulnerability notification (Art 14(2)(b))',
      kind: 'report',
      recipient: 'Coordinator CSIRT and ENISA via the Single Reporting Platform',
      trigger: 'events.becameAware',
      period: { unit: 'hours', amount: 72 },
      citation: 'CRA Art 14(2)(b)',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'cra-aev-final-report',
      title: 'Actively exploited vulnerability: final report (Art 14(2)(c))',
      kind: 'report',
      recipient: 'Coordinator CSIRT and ENISA via the Single Reporting Platform',
      trigger: 'events.fixAvailable (a corrective or mitigating measure is available)',
      period: { unit: 'eu-days', amount: 14 },
      citation: 'CRA Art 14(2)(c) ("no later than 14 days after a corrective or mitigating measure is available")',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'cra-incident-early-warning',
      title: 'Severe incident: early warning (Art 14(4)(a))',
      kind: 'report',
      recipient: 'Coordinator CSIRT and ENISA via the Single Reporting Platform',
      trigger: 'events.becameAware (aware of the severe incident)',
      period: { unit: 'hours', amount: 24 },
      citation: 'CRA Art 14(3), 14(4)(a)',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'cra-incident-notification',
      title: 'Severe incident: incident notification (Art 14(4)(b))',
      kind: 'report',
      recipient: 'Coordinator CSIRT and ENISA via the Single Reporting Platform',
      trigger: 'events.becameAware',
      period: { unit: 'hours', amount: 72 },
      citation: 'CRA Art 14(4)(b)',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'cra-incident-final-report',
      title: 'Severe incident: final report (Art 14(4)(c))',
      kind: 'report',
      recipient: 'Coordinator CSIRT and ENISA via the Single Reporting Platform',
      trigger: 'fulfilled.cra-incident-notification (submission of the 72-hour incident notification)',
      period: { unit: 'eu-months', amount: 1 },
      citation: 'CRA Art 14(4)(c) ("within one month after the submission of the incident notification")',
      sourceTag: 'VERBATIM',
    },
    {
      id: 'cra-inform-users',
      title: 'Inform impacted users (and where appropriate all users) (Art 14(8))',
      kind: 'notice',
      recipient: 'Users of the product',
      trigger: 'events.becameAware',
      period: { unit: 'no-fixed-period', text: 'without undue delay' },
      citation: 'CRA Art 14(8)',
      sourceTag: 'SECONDARY',
    },
  ],
};

export const nis2Pack: RulePack = {
  id: 'eu-nis2',
  version: '1.0.0',
  title: 'NIS2 significant-incident reporting (Directive (EU) 2022/2555 Art 23)',
  jurisdiction: 'EU',
  enabledByDefault: true,
  sources: [
    { key: 'NIS2', title: 'Directive (EU) 2022/2555 (NIS2), Art 23 — periods as transposed nationally' },
    { key: '1182/71', title: 'Regulation (EEC, Euratom) No 1182/71 on periods, dates and time limits' },
  ],
  rules: [
    {
      id: 'nis2-early-warning',
      title: 'Significant incident: early warning (Art 23(4)(a))',
      kind: 'report',
      recipient: 'National CSIRT or competent authority',
      trigger: 'events.becameAware (aware of the significant incident)',
      period: { unit: 'hours', amount: 24 },
      citation: 'NIS2 Art 23(4)(a)',
      sourceTag: 'RECALL',
    },
    {
      id: 'nis2-incident-notification',
      title: 'Significant incident: incident notification (Art 23(4)(b))',
      kind: 'report',
      recipient: 'National CSIRT or competent authority',
      trigger: 'events.becameAware',
      period: { unit: 'hours', amount: 72 },
      citation: 'NIS2 Art 23(4)(b)',
      sourceTag: 'RECALL',
    },
    {
      id: 'nis2-final-report',
      title: 'Significant incident: final report (Art 23(4)(d))',
      kind: 'report',
      recipient: 'National CSIRT or competent authority',
      trigger: 'fulfilled.nis2-incident-notification (submission of the incident notification)',
      period: { unit: 'eu-months', amount: 1 },
      citation: 'NIS2 Art 23(4)(d) ("no later than one month after the submission of the incident notification")',
      sourceTag: 'RECALL',
      notes: 'If the incident is still ongoing then, a progress report is due instead and the final report within one month of handling it (Art 23(4)(e)).',
    },
  ],
};

export const circiaPack: RulePack = {
  id: 'us-circia',
  version: '1.0.0',
  title: 'CIRCIA covered cyber incident and ransom payment reports (6 U.S.C. 681b; NPRM 89 FR 23644)',
  jurisdiction: 'US',
  enabledByDefault: false,
  disabledReason:
    'CIRCIA reporting duties start only on the effective date of the final rule; no final rule had been published as of the reference notes (early Oct 2026). The NPRM (89 FR 23644, Apr 4 2024) is not binding. Enable this pack when a final rule is in force.',
  sources: [
    { key: 'CIRCIA', title: '6 U.S.C. 681–681g; NPRM 89 FR 23644 (Apr 4 2024), proposed 6 CFR Part 226' },
  ],
  rules: [
    {
      id: 'circia-incident-report',
      title: 'Covered cyber incident report (681b(a)(1))',
      kind: 'report',
      recipient: 'CISA',
      trigger: 'events.becameAware (reasonable belief that a covered cyber incident occurred)',
      period: { unit: 'hours', amount: 72 },
      citation: '6 U.S.C. 681b(a)(1)',
      sourceTag: 'SECONDARY',
    },
    {
      id: 'circia-ransom-payment-report',
      title: 'Ransom payment report (681b(a)(2))',
      kind: 'report',
      recipient: 'CISA',
      trigger: 'events.ransomPaid',
      period: { unit: 'hours', amount: 24 },
      citation: '6 U.S.C. 681b(a)(2)',
      sourceTag: 'SECONDARY',
    },
  ],
};

/** Every built-in pack, in evaluation order. */
export const builtInRulePacks: readonly RulePack[] = [
  fdaPostmarketPack,
  fdaMdrPack,
  fda524bPack,
  hipaaPack,
  euMdrPack,
  euCraPack,
  nis2Pack,
  circiaPack,
];

/** All obligation ids of the given packs (the keys allowed in `fulfilled`, before any `#n`). */
export function obligationIds(packs: readonly RulePack[] = builtInRulePacks): Set<string> {
  return new Set(packs.flatMap((p) => p.rules.map((r) => r.id)));
}
