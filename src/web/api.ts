// The web app's only view of the server: types for the HTTP API contract and one client.
// Every request goes through `ApiClient`, which adds the CSRF header to non-GET requests and turns
// `application/problem+json` answers into `ApiError`s carrying the stable `code`.

export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: ProblemFieldError[];
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  /** May change organisation settings. */
  isAdmin?: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export type DeviceClass = 'I' | 'II' | 'III';
export const DEVICE_CLASSES: readonly DeviceClass[] = ['I', 'II', 'III'];

export type RegulatoryPathway = '510k' | 'de-novo' | 'pma' | 'hde' | 'exempt';
export const REGULATORY_PATHWAYS: readonly RegulatoryPathway[] = ['510k', 'de-novo', 'pma', 'hde', 'exempt'];

export interface CyberDeviceCriteria {
  includesSoftware: boolean;
  connectsToInternet: boolean;
  vulnerableCharacteristics: boolean;
}

export interface Product {
  id: string;
  slug: string;
  name: string;
  manufacturer: string;
  model: string;
  deviceClass: DeviceClass | null;
  regulatoryPathway: RegulatoryPathway | null;
  cyberDevice: boolean;
  cyberDeviceCriteria: CyberDeviceCriteria;
  markets: string[];
  serviceLifeYears: number | null;
  intendedUse: string | null;
  releaseCount: number;
  componentCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProductInput {
  slug?: string;
  name: string;
  manufacturer: string;
  model: string;
  deviceClass: DeviceClass | null;
  regulatoryPathway: RegulatoryPathway | null;
  cyberDeviceCriteria: CyberDeviceCriteria;
  markets: string[];
  serviceLifeYears?: number | null;
  intendedUse: string | null;
}

export type SupportStatus = 'in-development' | 'supported' | 'limited' | 'end-of-support';
export const SUPPORT_STATUSES: readonly SupportStatus[] = ['in-development', 'supported', 'limited', 'end-of-support'];

export interface Release {
  id: string;
  productId: string;
  version: string;
  variant: string | null;
  releaseDate: string | null;
  supportStatus: SupportStatus;
  endOfSupport: string | null;
  sbomCount: number;
  componentCount: number;
  createdAt: string;
}

export interface ReleaseInput {
  version: string;
  variant?: string | null;
  releaseDate?: string | null;
  supportStatus?: SupportStatus;
  endOfSupport?: string | null;
}

export type SbomLabel = 'firmware' | 'operating-system' | 'application' | 'other';
export const SBOM_LABELS: readonly SbomLabel[] = ['firmware', 'operating-system', 'application', 'other'];

export type SbomStatus = 'processing' | 'imported' | 'failed';

export interface Progress {
  done: number;
  total: number;
}

export interface Sbom {
  id: string;
  releaseId: string;
  label: SbomLabel;
  filename: string;
  format: 'cyclonedx';
  specVersion: string;
  serialNumber: string | null;
  status: SbomStatus;
  componentCount: number;
  byteSize: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
  jobId: string | null;
  progress: Progress | null;
  error: string | null;
}

export interface ComponentHash {
  alg: string;
  content: string;
}

export interface Component {
  id: string;
  sbomId: string;
  sbomLabel: SbomLabel;
  ref: string;
  type: string;
  name: string;
  group: string | null;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  supplier: string | null;
  licenses: string[];
  hashes: ComponentHash[];
  levelOfSupport: string | null;
  endOfSupport: string | null;
  scope: string | null;
}

export type ComponentSort = 'name' | 'version' | 'type' | 'supplier' | 'purl' | 'license';
export type SortOrder = 'asc' | 'desc';

export interface ComponentQuery {
  q?: string;
  sort?: ComponentSort;
  order?: SortOrder;
  offset?: number;
  limit?: number;
  sbomId?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

// --- vulnerability intelligence ------------------------------------------------------------------

export type AdvisorySourceName = 'osv' | 'ghsa' | 'nvd' | 'cve' | 'csaf' | 'internal';
export const ADVISORY_SOURCES: readonly AdvisorySourceName[] = ['osv', 'ghsa', 'nvd', 'cve', 'csaf', 'internal'];

export interface KevSummary {
  dateAdded: string;
  dueDate: string | null;
  ransomware: boolean;
}

export interface EpssPoint {
  epss: number;
  percentile: number;
  date: string;
}

/** One vulnerability: an alias group of advisories from every source. */
export interface VulnerabilitySummary {
  groupId: number;
  primaryId: string;
  identifiers: string[];
  sources: string[];
  summary: string | null;
  maxCvss: number | null;
  published: string | null;
  modified: string;
  /** Every source withdrew or rejected it. */
  withdrawn: boolean;
  kev: KevSummary | null;
  epss: EpssPoint | null;
}

export interface VulnerabilityQuery {
  q?: string;
  source?: string;
  kev?: boolean;
  includeWithdrawn?: boolean;
  offset?: number;
  limit?: number;
}

export type RangeEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface AffectedRange {
  type: string;
  repo?: string;
  events: RangeEvent[];
}

export interface AffectedPackage {
  purl: string | null;
  ecosystem: string | null;
  name: string;
  ranges: AffectedRange[];
  versions: string[];
  fixedVersions: string[];
}

export interface CpeMatchCriterion {
  criteria: string;
  vulnerable: boolean;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}

export interface CpeConfiguration {
  operator: 'AND' | 'OR';
  nodes: Array<{ operator: 'AND' | 'OR'; negate: boolean; cpeMatch: CpeMatchCriterion[] }>;
}

export interface CsafProduct {
  productId: string;
  name: string;
  vendor: string | null;
  product: string | null;
  version: string | null;
  versionRange: string | null;
  status: string;
  helpers: {
    cpe: string | null;
    purl: string | null;
    modelNumbers?: string[];
    serialNumbers?: string[];
    skus?: string[];
  };
  fixedVersions?: string[];
}

export interface AdvisorySeverity {
  type: string;
  vector: string | null;
  score: number | null;
  rating: string | null;
  source: string | null;
}

/** The normalised advisory (OSV-shaped) of one source, as the server keeps it. */
export interface AdvisoryData {
  source: string;
  id: string;
  aliases: string[];
  related?: string[];
  summary: string | null;
  details: string | null;
  published: string | null;
  modified: string;
  withdrawn: string | null;
  affected: AffectedPackage[];
  cpeConfigurations: CpeConfiguration[];
  csafProducts: CsafProduct[];
  severities: AdvisorySeverity[];
  cwes: string[];
  references: Array<{ type: string; url: string }>;
  credits: string[];
}

export interface AdvisoryRecord {
  source: string;
  id: string;
  modified: string;
  withdrawn: string | null;
  firstSeen: string;
  /** Normalised advisory; typed loosely on purpose — the page checks each part before showing it. */
  data: Partial<AdvisoryData> | null;
  raw: unknown;
  revisions: Array<{ modified: string; replacedAt: string }>;
}

export interface KevRecord {
  cveId?: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  dueDate: string | null;
  shortDescription?: string;
  requiredAction: string;
  knownRansomwareCampaignUse: string;
  notes: string;
}

export interface VulnerabilityDetail extends VulnerabilitySummary {
  advisories: AdvisoryRecord[];
  kevEntry: KevRecord | null;
  epssHistory: Array<{ date: string; epss: number; percentile: number }>;
}

// --- findings -------------------------------------------------------------------------------------

export type FindingStatus = 'affected' | 'indeterminate';
export type FindingConfidence = 'high' | 'medium' | 'low';
export type FindingMethod = 'purl' | 'cpe' | 'csaf' | 'name';
export type FindingState = 'active' | 'inactive' | 'all';
export const FINDING_STATES: readonly FindingState[] = ['active', 'inactive', 'all'];
export const FINDING_STATUSES: readonly FindingStatus[] = ['affected', 'indeterminate'];
export const FINDING_CONFIDENCES: readonly FindingConfidence[] = ['high', 'medium', 'low'];

export interface AdvisoryRef {
  source: string;
  id: string;
}

/** What the advisory said that the component met (docs/matching.md). */
export type EvidenceCriterion =
  | { kind: 'package'; index?: number; purl: string | null; ecosystem: string | null; name: string; key?: string }
  | {
      kind: 'cpe';
      configuration?: number;
      criteria: string;
      matchCriteriaId?: string | null;
      versionStartIncluding?: string | null;
      versionStartExcluding?: string | null;
      versionEndIncluding?: string | null;
      versionEndExcluding?: string | null;
    }
  | {
      kind: 'csaf';
      productId: string;
      name: string;
      vendor?: string | null;
      product?: string | null;
      version?: string | null;
      versionRange?: string | null;
      status?: string;
      via?: string;
    };

/** How one source's advisory matched the component. */
export interface Evidence {
  advisory: AdvisoryRef;
  status: FindingStatus;
  confidence: FindingConfidence;
  method: FindingMethod | string;
  identifier: { kind: string; value: string; derived: boolean; note?: string };
  criterion: EvidenceCriterion;
  version: string | null;
  scheme: { id: string; origin: 'declared' | 'product' | 'generic' } | null;
  range: { text: string; vers: string | null } | null;
  reason: string;
  conditions: string[];
  fixedVersions: string[];
}

/** One component instance × vulnerability (alias group), with the evidence of each matching source. */
export interface Finding {
  id: string;
  status: FindingStatus;
  confidence: FindingConfidence;
  methods: string[];
  fixedVersions: string[];
  advisories: AdvisoryRef[];
  evidence: Evidence[];
  /** False: the match no longer holds (withdrawn advisory, changed range); kept with its history. */
  active: boolean;
  firstSeen: string;
  lastChanged: string;
  component: { id: string; name: string; group: string | null; version: string | null; purl: string | null; cpe: string | null; sbomId: string; sbomLabel: string };
  release: { id: string; version: string; variant: string | null };
  product: { id: string; slug: string; name: string };
  vulnerability: VulnerabilitySummary;
}

export interface FindingQuery {
  state?: FindingState;
  status?: FindingStatus;
  confidence?: FindingConfidence;
  kev?: boolean;
  minCvss?: number;
  minEpss?: number;
  product?: string;
  q?: string;
  offset?: number;
  limit?: number;
}

export interface FindingCounts {
  active: number;
  affected: number;
  indeterminate: number;
  inactive: number;
}

export interface FindingPage {
  items: Finding[];
  total: number;
}

export interface ReleaseFindingPage extends FindingPage {
  counts: FindingCounts;
}

/** The query string of a findings request (defaults and empty values left out). */
export function findingQueryString(query: FindingQuery): string {
  return queryString({
    state: query.state && query.state !== 'active' ? query.state : undefined,
    status: query.status,
    confidence: query.confidence,
    kev: query.kev ? 'true' : undefined,
    minCvss: query.minCvss,
    minEpss: query.minEpss,
    product: query.product,
    q: query.q?.trim(),
    offset: query.offset,
    limit: query.limit,
  });
}

// --- regulatory cases -----------------------------------------------------------------------------

export type CaseKind = 'vulnerability' | 'incident' | 'complaint' | 'cvd-report' | 'other';
export const CASE_KINDS: readonly CaseKind[] = ['vulnerability', 'incident', 'complaint', 'cvd-report', 'other'];
export type CaseStatus = 'open' | 'closed';
export type CaseSeverity = 'critical' | 'high' | 'medium' | 'low';
export const CASE_SEVERITIES: readonly CaseSeverity[] = ['critical', 'high', 'medium', 'low'];
export type PsirtRole = 'lead' | 'analyst' | 'engineer' | 'regulatory' | 'clinical' | 'product' | 'support';
export const PSIRT_ROLES: readonly PsirtRole[] = ['lead', 'analyst', 'engineer', 'regulatory', 'clinical', 'product', 'support'];
export type TaskStatus = 'open' | 'done' | 'skipped';
export type ObligationStatus = 'pending' | 'due-soon' | 'overdue' | 'fulfilled' | 'not-applicable';

/** A time fact (docs/clocks.md): an instant or wall-time string, or `{ at, zone }`. */
export type TimeFact = string | { at: string; zone?: string };

/** Case facts, format version 1 (docs/clocks.md). Kept loose: the server validates. */
export interface CaseFacts {
  schemaVersion: 1;
  title?: string;
  timeZone: string;
  product: { name?: string; markets: string[]; kind: 'device' | 'non-device'; cyberDevice?: boolean; craInScope?: boolean };
  organisation?: Record<string, unknown>;
  assessment?: Record<string, unknown>;
  events?: Record<string, TimeFact | TimeFact[]>;
  phiBreach?: Record<string, unknown>;
  fulfilled?: Record<string, TimeFact>;
  [key: string]: unknown;
}

export interface CaseLink {
  type: 'product' | 'release' | 'finding';
  id: string;
}

export interface CaseSummary {
  id: string;
  number: number;
  title: string;
  kind: CaseKind;
  status: CaseStatus;
  severity: CaseSeverity;
  sourceFindingId: string | null;
  closedAt: string | null;
  closedBy: string | null;
  resolution: string | null;
  forcedCloseReason: string | null;
  vulnGroupId: number | null;
  facts: CaseFacts;
  evaluatedAt: string | null;
  openedAt: string;
  openedBy: string;
  updatedAt: string;
}

export interface FactChange {
  id: number;
  /** JSON pointer into the facts, e.g. `/events/becameAware`. */
  path: string;
  /** The new value; null when the fact was removed. */
  value: unknown;
  instant: string | null;
  timeZone: string | null;
  changedBy: string;
  changedAt: string;
  note: string | null;
}

export interface MissingFact {
  /** JSONPath of the fact, e.g. `$.events.correctionInitiated`. */
  path: string;
  neededFor: string[];
  why: string;
  assumed?: string;
}

export interface EngineNotApplicable {
  ruleId: string;
  packId: string;
  title: string;
  code: string;
  reason: string;
  citation: string;
  reconsiderAt?: string;
}

export interface CaseObligation {
  id: string;
  caseId: string;
  key: string;
  ruleId: string;
  packId: string;
  title: string;
  citation: string;
  period: string;
  trigger: { fact: string; at: string; zone: string } | null;
  dueAt: string | null;
  dueLocal: string | null;
  timeZone: string;
  dueSoonAt: string | null;
  status: ObligationStatus;
  /** Status now, from the due instant and the server clock. */
  liveStatus: ObligationStatus;
  timeLeft: { ms: number; text: string } | null;
  provisional: boolean;
  assumptions: string[];
  missingFacts: MissingFact[];
  naSource: 'engine' | 'user' | null;
  naCode: string | null;
  naReason: string | null;
  naBy: string | null;
  naAt: string | null;
  fulfilledAt: string | null;
  fulfilledBy: string | null;
  late: boolean;
  reference: string | null;
  document: { id: string; name: string; sha256: string; byteSize: number } | null;
}

/** A document stored with a case (evidence of a fulfilment). */
export interface CaseDocument {
  id: string;
  name: string;
  sha256: string;
  byteSize: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface CaseTask {
  id: string;
  caseId: string;
  /** The playbook and task key it was planned from; null for ad-hoc tasks. */
  playbook: string | null;
  templateKey: string | null;
  ordinal: number;
  title: string;
  role: PsirtRole | null;
  assignee: { id: string; email: string; displayName: string } | null;
  dueAt: string | null;
  /** A person set the due date (severity changes no longer re-plan it). */
  dueManual: boolean;
  status: TaskStatus;
  doneBy: string | null;
  doneAt: string | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface PortfolioTask extends CaseTask {
  case: { id: string; number: number; title: string; kind: CaseKind; severity: CaseSeverity };
}

export interface PackUse {
  id: string;
  version: string;
  enabled: boolean;
  disabledReason?: string;
}

export interface CaseDetail extends CaseSummary {
  timeline: FactChange[];
  links: CaseLink[];
  roles: Array<{ role: PsirtRole; userId: string }>;
  obligations: CaseObligation[];
  documents: CaseDocument[];
  tasks: CaseTask[];
  evaluatedNow: { now: string; packs?: PackUse[]; missingFacts: MissingFact[]; notApplicable: EngineNotApplicable[]; trace: Array<{ packId: string; step: string; text: string }> };
}

export interface PlaybookTemplateTask {
  key: string;
  title: string;
  role: PsirtRole;
  due: Record<CaseSeverity, string>;
}

export interface Playbook {
  id: string;
  title: string;
  tasks: PlaybookTemplateTask[];
}

export interface NewTaskInput {
  title: string;
  role?: PsirtRole;
  assigneeId?: string | null;
  dueAt?: string;
  note?: string;
}

export interface TaskPatch {
  status?: TaskStatus;
  assigneeId?: string | null;
  dueAt?: string | null;
  title?: string;
  note?: string | null;
}

export type TaskState = TaskStatus | 'all';

/** The organisation clock settings document (docs/clocks.md §8); the server validates it. */
export interface ClockSettingsDocument {
  observedHolidays?: boolean;
  inaugurationDay?: boolean;
  extraUsClosures?: string[];
  euWeekendExtension?: boolean;
  euPublicHolidays?: string[];
  packs?: Record<string, { enabled?: boolean }>;
  rules?: Record<string, { enabled?: boolean }>;
  dueSoonHours?: number;
  playbooks?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ClockSettingsCatalogPack {
  id: string;
  version: string;
  title: string;
  jurisdiction: 'US' | 'EU';
  enabledByDefault: boolean;
  disabledReason: string | null;
  rules: Array<{ id: string; title: string; citation: string }>;
}

export interface ClockSettings {
  document: ClockSettingsDocument;
  /** Every rule pack and rule the engine knows, with its default. */
  catalog: { packs: ClockSettingsCatalogPack[] };
  updatedAt: string | null;
  updatedBy: string | null;
  /** The engine settings in force (the document over the defaults). */
  effective: {
    observedHolidays: boolean;
    inaugurationDay: boolean;
    extraUsClosures: string[];
    euWeekendExtension: boolean;
    euPublicHolidays: string[];
    packs: Record<string, { enabled?: boolean }>;
    rules: Record<string, { enabled?: boolean }>;
    dueSoonHours: number;
  };
  playbooks: Playbook[];
}

export interface ClockSettingsResult extends ClockSettings {
  reevaluated: Array<{ caseId: string; number: number; changes: Array<{ key: string; from: ObligationStatus | null; to: ObligationStatus; dueAt: string | null }> }>;
  replannedTasks: number;
}

export interface OpenCaseInput {
  title: string;
  kind?: CaseKind;
  findingId?: string;
  note?: string;
}

export interface FulfilInput {
  /** ISO 8601 instant with Z or an offset. */
  at?: string;
  reference?: string;
  document?: { name: string; contentBase64: string };
  note?: string;
}

export type BoardState = 'open' | 'due-soon' | 'overdue' | 'all';

export interface BoardObligation extends CaseObligation {
  case: { id: string; number: number; title: string; kind: CaseKind };
}

export interface Board {
  now: string;
  items: BoardObligation[];
}

export type NotificationState = 'pending' | 'delivered' | 'dead' | 'cancelled';
export const NOTIFICATION_STATES: readonly NotificationState[] = ['pending', 'delivered', 'dead', 'cancelled'];

/** One message of the notification outbox (a reminder or an escalation). */
export interface OutboxNotification {
  id: string;
  key: string;
  channel: 'email' | 'webhook';
  /** E-mail address or webhook URL (credentials masked). */
  target: string;
  state: NotificationState;
  subject: string;
  body: string;
  /** Structured content; reminders carry `case: { id, number, title }` and `obligation`. */
  payload: unknown;
  caseId: string | null;
  obligationId: string | null;
  /** The case task a task reminder is about. */
  taskId?: string | null;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  errors: Array<{ at: string; error: string }>;
  deliveredAt: string | null;
  deadAt: string | null;
  cancelledAt: string | null;
}

export type FeedRunStatus = 'idle' | 'running' | 'failed';

export interface FeedProgress {
  done: number;
  total: number | null;
  /** Records per second. */
  rate: number | null;
  etaSeconds: number | null;
}

export interface FeedStatus {
  source: string;
  status: FeedRunStatus;
  watermark: unknown;
  progress: FeedProgress | null;
  lastStartedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  recordsTotal: number;
  problemsTotal: number;
  lagSeconds: number | null;
  recentProblems: Array<{ recordId: string | null; location: string; reason: string; occurredAt: string }>;
  updatedAt: string;
}

export interface Health {
  status: 'ok';
  version: string;
}

/** A failed API call. `problem` is the server's problem document (or one made up for network errors). */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get code(): string {
    return this.problem.code;
  }
  get status(): number {
    return this.problem.status;
  }
}

/** Reads a problem document out of a failed response, tolerating servers that answer with something else. */
export function toProblem(status: number, statusText: string, body: unknown): Problem {
  if (body && typeof body === 'object' && 'code' in body && typeof (body as { code: unknown }).code === 'string') {
    const b = body as Partial<Problem> & { code: string };
    const errors = Array.isArray(b.errors)
      ? b.errors
          .filter((e): e is ProblemFieldError => !!e && typeof e === 'object')
          .map((e) => ({ path: String(e.path ?? ''), message: String(e.message ?? '') }))
      : undefined;
    return {
      type: typeof b.type === 'string' ? b.type : 'about:blank',
      title: typeof b.title === 'string' ? b.title : statusText || `HTTP ${status}`,
      status: typeof b.status === 'number' ? b.status : status,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      code: b.code,
      ...(errors ? { errors } : {}),
    };
  }
  return {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    status,
    detail: `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`,
    code: status === 401 ? 'AUTH_REQUIRED' : status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR',
  };
}

function networkProblem(error: unknown): Problem {
  return {
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: `Could not reach the Vigil server${error instanceof Error && error.message ? ` (${error.message})` : ''}.`,
    code: 'NETWORK_ERROR',
  };
}

/** Builds `?a=1&b=2` from the defined, non-empty values (empty string when nothing is left). */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export interface SbomUploadResult {
  sbom: Sbom;
  /** True when the release already had this exact document (the server answers 200 with the existing SBOM). */
  duplicate: boolean;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: FetchLike;
  /** Called when any request answers 401 AUTH_REQUIRED (the session expired). */
  onUnauthorized?: () => void;
}

export class ApiClient {
  private csrfToken: string | null = null;
  private readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  onUnauthorized: (() => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthorized = options.onUnauthorized;
  }

  /** Where a GET resource lives, for links (downloads, API docs). */
  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new ApiError(networkProblem(error));
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) {
      const problem = toProblem(response.status, response.statusText, parsed);
      if (problem.status === 401 && problem.code === 'AUTH_REQUIRED' && !path.startsWith('/api/auth/')) this.onUnauthorized?.();
      throw new ApiError(problem);
    }
    return parsed as T;
  }

  // --- auth -------------------------------------------------------------------------------------

  async login(email: string, password: string): Promise<Session> {
    const session = await this.request<Session>('POST', '/api/auth/login', { email, password });
    this.csrfToken = session.csrfToken;
    return session;
  }

  async session(): Promise<Session> {
    const session = await this.request<Session>('GET', '/api/auth/session');
    this.csrfToken = session.csrfToken;
    return session;
  }

  async logout(): Promise<void> {
    try {
      await this.request<void>('POST', '/api/auth/logout');
    } finally {
      this.csrfToken = null;
    }
  }

  health(): Promise<Health> {
    return this.request<Health>('GET', '/api/health');
  }

  // --- products and releases --------------------------------------------------------------------

  async listProducts(): Promise<Product[]> {
    return (await this.request<{ items: Product[] }>('GET', '/api/products')).items;
  }

  createProduct(input: ProductInput): Promise<Product> {
    return this.request<Product>('POST', '/api/products', input);
  }

  getProduct(productId: string): Promise<Product> {
    return this.request<Product>('GET', `/api/products/${encodeURIComponent(productId)}`);
  }

  async listReleases(productId: string): Promise<Release[]> {
    return (await this.request<{ items: Release[] }>('GET', `/api/products/${encodeURIComponent(productId)}/releases`)).items;
  }

  createRelease(productId: string, input: ReleaseInput): Promise<Release> {
    return this.request<Release>('POST', `/api/products/${encodeURIComponent(productId)}/releases`, input);
  }

  getRelease(releaseId: string): Promise<Release> {
    return this.request<Release>('GET', `/api/releases/${encodeURIComponent(releaseId)}`);
  }

  // --- SBOMs and components ---------------------------------------------------------------------

  async listSboms(releaseId: string): Promise<Sbom[]> {
    return (await this.request<{ items: Sbom[] }>('GET', `/api/releases/${encodeURIComponent(releaseId)}/sboms`)).items;
  }

  getSbom(sbomId: string): Promise<Sbom> {
    return this.request<Sbom>('GET', `/api/sboms/${encodeURIComponent(sbomId)}`);
  }

  sbomDocumentUrl(sbomId: string): string {
    return this.url(`/api/sboms/${encodeURIComponent(sbomId)}/document`);
  }

  listComponents(releaseId: string, query: ComponentQuery): Promise<Page<Component>> {
    const qs = queryString({
      q: query.q?.trim(),
      sort: query.sort,
      order: query.order,
      offset: query.offset,
      limit: query.limit,
      sbomId: query.sbomId,
    });
    return this.request<Page<Component>>('GET', `/api/releases/${encodeURIComponent(releaseId)}/components${qs}`);
  }

  // --- vulnerability intelligence ----------------------------------------------------------------

  listVulnerabilities(query: VulnerabilityQuery): Promise<{ items: VulnerabilitySummary[]; total: number }> {
    const qs = queryString({
      q: query.q?.trim(),
      source: query.source,
      kev: query.kev ? 'true' : undefined,
      includeWithdrawn: query.includeWithdrawn ? 'true' : undefined,
      offset: query.offset,
      limit: query.limit,
    });
    return this.request<{ items: VulnerabilitySummary[]; total: number }>('GET', `/api/vulnerabilities${qs}`);
  }

  getVulnerability(identifier: string): Promise<VulnerabilityDetail> {
    return this.request<VulnerabilityDetail>('GET', `/api/vulnerabilities/${encodeURIComponent(identifier)}`);
  }

  // --- findings -----------------------------------------------------------------------------------

  listReleaseFindings(releaseId: string, query: FindingQuery): Promise<ReleaseFindingPage> {
    return this.request<ReleaseFindingPage>('GET', `/api/releases/${encodeURIComponent(releaseId)}/findings${findingQueryString(query)}`);
  }

  listFindings(query: FindingQuery): Promise<FindingPage> {
    return this.request<FindingPage>('GET', `/api/findings${findingQueryString(query)}`);
  }

  /** Who is affected by one vulnerability (any identifier of its alias group). */
  listAffected(identifier: string, query: FindingQuery): Promise<FindingPage> {
    return this.request<FindingPage>('GET', `/api/vulnerabilities/${encodeURIComponent(identifier)}/affected${findingQueryString(query)}`);
  }

  // --- regulatory cases ---------------------------------------------------------------------------

  async listCases(status?: CaseStatus): Promise<CaseSummary[]> {
    return (await this.request<{ items: CaseSummary[] }>('GET', `/api/cases${queryString({ status })}`)).items;
  }

  getCase(idOrNumber: string): Promise<CaseDetail> {
    return this.request<CaseDetail>('GET', `/api/cases/${encodeURIComponent(idOrNumber)}`);
  }

  openCase(input: OpenCaseInput): Promise<CaseDetail> {
    return this.request<CaseDetail>('POST', '/api/cases', input);
  }

  /** Changes facts by JSON merge patch (null removes a fact); answers the case re-evaluated. */
  setCaseFacts(idOrNumber: string, facts: Record<string, unknown>, note?: string): Promise<CaseDetail & { changed: number }> {
    return this.request<CaseDetail & { changed: number }>('POST', `/api/cases/${encodeURIComponent(idOrNumber)}/facts`, { facts, ...(note ? { note } : {}) });
  }

  /** Re-evaluates now; `changes` lists the obligations whose status or due instant changed. */
  evaluateCase(idOrNumber: string): Promise<CaseDetail & { changes: Array<{ key: string; from: ObligationStatus | null; to: ObligationStatus; dueAt: string | null }> }> {
    return this.request<CaseDetail & { changes: Array<{ key: string; from: ObligationStatus | null; to: ObligationStatus; dueAt: string | null }> }>('POST', `/api/cases/${encodeURIComponent(idOrNumber)}/evaluate`);
  }

  fulfilObligation(caseId: string, obligationId: string, input: FulfilInput): Promise<CaseObligation> {
    return this.request<CaseObligation>('POST', `/api/cases/${encodeURIComponent(caseId)}/obligations/${encodeURIComponent(obligationId)}/fulfil`, input);
  }

  markNotApplicable(caseId: string, obligationId: string, input: { justification: string; password: string }): Promise<CaseObligation> {
    return this.request<CaseObligation>('POST', `/api/cases/${encodeURIComponent(caseId)}/obligations/${encodeURIComponent(obligationId)}/not-applicable`, input);
  }

  /** Changes the severity; open playbook tasks are re-planned. */
  setCaseSeverity(caseId: string, severity: CaseSeverity, reason?: string): Promise<CaseDetail & { replanned: number }> {
    return this.request<CaseDetail & { replanned: number }>('PATCH', `/api/cases/${encodeURIComponent(caseId)}`, { severity, ...(reason ? { reason } : {}) });
  }

  /** Closes a case; 409 CASE_OBLIGATIONS_OPEN (errors[] per open obligation) unless forced with a reason. */
  closeCase(caseId: string, input: { resolution: string; force?: boolean; reason?: string }): Promise<CaseDetail> {
    return this.request<CaseDetail>('POST', `/api/cases/${encodeURIComponent(caseId)}/close`, input);
  }

  reopenCase(caseId: string, reason: string): Promise<CaseDetail> {
    return this.request<CaseDetail>('POST', `/api/cases/${encodeURIComponent(caseId)}/reopen`, { reason });
  }

  async addCaseLink(caseId: string, link: CaseLink, reason?: string): Promise<CaseLink[]> {
    return (await this.request<{ links: CaseLink[] }>('POST', `/api/cases/${encodeURIComponent(caseId)}/links`, { ...link, ...(reason ? { reason } : {}) })).links;
  }

  async removeCaseLink(caseId: string, link: CaseLink): Promise<CaseLink[]> {
    return (await this.request<{ links: CaseLink[] }>('DELETE', `/api/cases/${encodeURIComponent(caseId)}/links/${encodeURIComponent(link.type)}/${encodeURIComponent(link.id)}`)).links;
  }

  /** Where a stored case document downloads from (byte for byte, `X-Content-SHA256`). */
  caseDocumentUrl(caseId: string, documentId: string): string {
    return this.url(`/api/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(documentId)}`);
  }

  /** Replaces the PSIRT roles of a case. */
  setCaseRoles(caseId: string, roles: Array<{ role: PsirtRole; userId: string }>, reason?: string): Promise<unknown> {
    return this.request<unknown>('PUT', `/api/cases/${encodeURIComponent(caseId)}/roles`, { roles, ...(reason ? { reason } : {}) });
  }

  async listUsers(): Promise<User[]> {
    return (await this.request<{ items: User[] }>('GET', '/api/users')).items;
  }

  /** Creates an account (administrators); the one-time password is returned once. */
  createUser(input: { email: string; displayName: string; isAdmin: boolean }): Promise<{ user: User; oneTimePassword: string }> {
    return this.request<{ user: User; oneTimePassword: string }>('POST', '/api/users', input);
  }

  async listPlaybooks(): Promise<Playbook[]> {
    return (await this.request<{ items: Playbook[] }>('GET', '/api/playbooks')).items;
  }

  async applyPlaybook(caseId: string, playbook: string): Promise<CaseTask[]> {
    return (await this.request<{ items: CaseTask[] }>('POST', `/api/cases/${encodeURIComponent(caseId)}/playbook`, { playbook })).items;
  }

  addCaseTask(caseId: string, input: NewTaskInput): Promise<CaseTask> {
    return this.request<CaseTask>('POST', `/api/cases/${encodeURIComponent(caseId)}/tasks`, input);
  }

  updateCaseTask(caseId: string, taskId: string, patch: TaskPatch): Promise<CaseTask> {
    return this.request<CaseTask>('PATCH', `/api/cases/${encodeURIComponent(caseId)}/tasks/${encodeURIComponent(taskId)}`, patch);
  }

  /** Tasks of open cases across the portfolio, by due date (`assignee`: 'me', 'none' or a user id). */
  listTasks(query: { assignee?: string; state?: TaskState; limit?: number } = {}): Promise<{ now: string; items: PortfolioTask[] }> {
    return this.request<{ now: string; items: PortfolioTask[] }>('GET', `/api/tasks${queryString({ assignee: query.assignee, state: query.state, limit: query.limit })}`);
  }

  getClockSettings(): Promise<ClockSettings> {
    return this.request<ClockSettings>('GET', '/api/settings/clocks');
  }

  /** Replaces the settings document (administrators); 422 CLOCK_SETTINGS_INVALID lists each problem's JSON path. */
  putClockSettings(document: ClockSettingsDocument, reason?: string): Promise<ClockSettingsResult> {
    return this.request<ClockSettingsResult>('PUT', '/api/settings/clocks', { document, ...(reason ? { reason } : {}) });
  }

  /** The notification outbox, newest first (administrators; 403 ADMIN_REQUIRED otherwise). */
  async listNotifications(state?: NotificationState, limit = 200): Promise<OutboxNotification[]> {
    return (await this.request<{ items: OutboxNotification[] }>('GET', `/api/notifications${queryString({ state, limit })}`)).items;
  }

  /** Sends a dead notification again (409 NOTIFICATION_NOT_DEAD when it is not dead). */
  retryNotification(id: string, reason?: string): Promise<OutboxNotification> {
    return this.request<OutboxNotification>('POST', `/api/notifications/${encodeURIComponent(id)}/retry`, reason ? { reason } : {});
  }

  /** The deadline board: open obligations of open cases, by time left. */
  deadlineBoard(state: BoardState = 'open', limit = 1000): Promise<Board> {
    return this.request<Board>('GET', `/api/obligations${queryString({ state: state === 'open' ? undefined : state, limit })}`);
  }

  async listFeeds(): Promise<FeedStatus[]> {
    return (await this.request<{ items: FeedStatus[] }>('GET', '/api/feeds')).items;
  }

  /** Starts a sync of one feed now (202 with the job id; 409 FEED_SYNC_RUNNING when one is already running). */
  syncFeed(source: string): Promise<{ jobId: string }> {
    return this.request<{ jobId: string }>('POST', `/api/feeds/${encodeURIComponent(source)}/sync`);
  }

  /**
   * Uploads an SBOM file as raw bytes with XMLHttpRequest, so that upload progress can be shown.
   * Resolves with the accepted (usually still processing) SBOM; rejects with an ApiError (422 carries errors[]).
   */
  uploadSbom(
    releaseId: string,
    label: SbomLabel,
    file: Blob & { name?: string },
    onProgress?: (progress: UploadProgress) => void,
    signal?: AbortSignal,
  ): Promise<SbomUploadResult> {
    const filename = file.name || 'sbom.json';
    const path = `/api/releases/${encodeURIComponent(releaseId)}/sboms${queryString({ label, filename })}`;
    return new Promise<SbomUploadResult>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.url(path));
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      if (this.csrfToken) xhr.setRequestHeader('X-CSRF-Token', this.csrfToken);
      xhr.upload.onprogress = (event) => {
        onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
      };
      xhr.onerror = () => reject(new ApiError(networkProblem(new Error('upload failed'))));
      xhr.onabort = () => reject(new ApiError({ type: 'about:blank', title: 'Upload cancelled', status: 0, code: 'ABORTED' }));
      xhr.onload = () => {
        let parsed: unknown = undefined;
        try {
          parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
        } catch {
          parsed = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          const body = parsed as Partial<SbomUploadResult> | undefined;
          onProgress?.({ loaded: file.size, total: file.size });
          if (body && typeof body === 'object' && body.sbom) resolve({ sbom: body.sbom, duplicate: body.duplicate === true });
          else reject(new ApiError(toProblem(xhr.status, 'Unexpected answer from the server', undefined)));
        } else {
          const problem = toProblem(xhr.status, xhr.statusText, parsed);
          if (problem.status === 401 && problem.code === 'AUTH_REQUIRED') this.onUnauthorized?.();
          reject(new ApiError(problem));
        }
      };
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(file);
    });
  }
}

/** The app's single client. */
export const api = new ApiClient();
