/**
 * Case facts for the clock engine (format version 1). Documented with examples in docs/clocks.md;
 * validated by `factsSchema` (facts.schema.ts), which rejects unknown keys.
 *
 * A time is either a string or `{ at, zone }`:
 *  - `"2026-03-02T14:05:00Z"` or `"2026-03-02T09:05-05:00"` — an instant; its zone is the case zone;
 *  - `"2026-03-02T09:05"` — a wall time in the case zone (`timeZone`);
 *  - `{ "at": "2026-03-02T09:05", "zone": "Europe/Berlin" }` — a wall time (or instant) whose
 *    day boundaries are those of the given zone.
 * The zone of a trigger is the zone in which its deadline's days are counted.
 */

export type TimeFact = string | { readonly at: string; readonly zone?: string };

export type Market = 'US' | 'EU';
export type ProductKind = 'device' | 'non-device';
export type RiskDetermination = 'controlled' | 'uncontrolled';
export type HipaaRole = 'covered-entity' | 'business-associate' | 'none';
/** 21 CFR 803.50(a): what the information reasonably suggests. */
export type AdverseEventKind = 'death' | 'serious-injury' | 'reportable-malfunction' | 'none';
/** MDR Art 2(65)/(66) and Art 87(3)–(5) classification of the incident. */
export type EuIncidentClass =
  | 'serious-public-health-threat'
  | 'death-or-unanticipated-serious-deterioration'
  | 'serious-incident'
  | 'not-serious'
  | 'none';

export interface ProductFacts {
  readonly name?: string;
  readonly markets: readonly Market[];
  /** A medical device (FDA device / MDR–IVDR device) or a product that is not a device. */
  readonly kind: ProductKind;
  /** FD&C Act §524B(c) "cyber device". */
  readonly cyberDevice?: boolean;
  /** For non-device products: in scope of the CRA (a product with digital elements, not excluded). */
  readonly craInScope?: boolean;
}

export interface OrganisationFacts {
  readonly name?: string;
  /** POST16 condition 4: active ISAO participant meeting the four criteria, with evidence. */
  readonly isaoActiveParticipant?: boolean;
  /** HIPAA role for the PHI involved. */
  readonly hipaaRole?: HipaaRole;
  /** An essential or important entity under NIS2 (national transposition). */
  readonly nis2Entity?: boolean;
  /** A covered entity under CIRCIA (as the rule would define it). */
  readonly circiaCoveredEntity?: boolean;
}

export interface AssessmentFacts {
  /** POST16 binary determination of the risk of patient harm. */
  readonly risk?: RiskDetermination;
  /** POST16 condition 1 fails when true. */
  readonly knownSeriousAdverseEvents?: boolean;
  /** 806.10(f): the correction was already reported under 21 CFR 803 or 1004. */
  readonly reportedUnder803Or1004?: boolean;
  readonly adverseEvent?: AdverseEventKind;
  /** 803.53(a): the event necessitates remedial action to prevent an unreasonable risk of substantial harm. */
  readonly remedialActionNeeded?: boolean;
  readonly euIncident?: EuIncidentClass;
  /** MDR Art 2(68): a field safety corrective action is planned. */
  readonly fscaPlanned?: boolean;
  /** CRA Art 3(42)/14(1): actively exploited vulnerability. */
  readonly activelyExploited?: boolean;
  /** CRA Art 14(3),(5): severe incident having an impact on the security of the product. */
  readonly severeIncident?: boolean;
  /** NIS2 Art 23(3): significant incident affecting the entity. */
  readonly significantIncident?: boolean;
  /** CIRCIA: substantial cyber incident (reasonable belief). */
  readonly substantialCyberIncident?: boolean;
}

export interface EventFacts {
  /** The manufacturer learned of the vulnerability / became aware of the incident. */
  readonly becameAware?: TimeFact;
  /** When the controlled/uncontrolled determination was made (informational). */
  readonly riskDetermined?: TimeFact;
  /** 803.50: became aware of information reasonably suggesting a reportable event. */
  readonly adverseEventAware?: TimeFact;
  /** 803.53(a): became aware that the event necessitates remedial action. */
  readonly remedialActionAware?: TimeFact;
  /** 803.53(b): FDA's written request for 5-day reports. */
  readonly fdaWrittenRequest?: TimeFact;
  /** 803.56: each receipt of new information about a reported event. */
  readonly mdrNewInformation?: readonly TimeFact[];
  /** 806.10(b): correction or removal initiated. */
  readonly correctionInitiated?: TimeFact;
  /** 806.10(d): each extension of the correction to more lots, batches or versions. */
  readonly correctionExtended?: readonly TimeFact[];
  /** POST16 condition 2: customers and user community notified (with the minimum content). */
  readonly customersNotified?: TimeFact;
  /** POST16 condition 3: fix validated and deployable fix distributed. */
  readonly fixDistributed?: TimeFact;
  /** CRA Art 14(2)(c): a corrective or mitigating measure is available. */
  readonly fixAvailable?: TimeFact;
  /** MDR Art 87(1)(b): the FSCA is (to be) undertaken. */
  readonly fscaStart?: TimeFact;
  /** CIRCIA: ransom payment made. */
  readonly ransomPaid?: TimeFact;
  /** HIPAA 164.404(a)(2): breach discovered (or would have been with reasonable diligence). */
  readonly phiBreachDiscovered?: TimeFact;
}

export interface PhiBreachFacts {
  /** False when the PHI was secured (encrypted per HHS guidance): then not a breach of unsecured PHI. */
  readonly unsecured?: boolean;
  /** Number of affected individuals per State or jurisdiction (e.g. {"CA": 620, "NV": 12}). */
  readonly individualsByState?: Readonly<Record<string, number>>;
}

export interface CaseFacts {
  readonly schemaVersion: 1;
  readonly caseId?: string;
  readonly title?: string;
  /** IANA zone of the manufacturer; the default zone of every time in the file. */
  readonly timeZone: string;
  readonly product: ProductFacts;
  readonly organisation?: OrganisationFacts;
  readonly assessment?: AssessmentFacts;
  readonly events?: EventFacts;
  readonly phiBreach?: PhiBreachFacts;
  /** When each obligation was fulfilled (report submitted, notice sent), keyed by obligation id. */
  readonly fulfilled?: Readonly<Record<string, TimeFact>>;
}
