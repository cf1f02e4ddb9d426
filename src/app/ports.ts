/**
 * Ports: what use cases need from the outside world. `store/` implements the stores, composition
 * roots (server, worker, cli) wire them. Use cases name only the ports they use.
 */
import type { ChainBreak } from '../domain/audit/chain.ts';
import type { ParsedSbom, SbomComponent, SbomDependency, ValidationIssue } from '../domain/inventory/sbom.ts';
import type { NormalisedProductInput, NormalisedReleaseInput, Product, Release, SbomLabel } from '../domain/inventory/product.ts';

export interface Clock {
  now(): Date;
}

export interface IdSource {
  uuid(): string;
  /** URL-safe random secret of `bytes` bytes (tokens, passwords). */
  secret(bytes: number): string;
}

/** Who did something: a signed-in user, an API token, or Vigil itself. */
export interface Actor {
  readonly kind: 'user' | 'token' | 'system';
  readonly id: string;
  /** Readable name for the audit trail (user e-mail, token name). */
  readonly label: string;
  /** The user behind a token, for tokens. */
  readonly userId?: string;
}

export const systemActor: Actor = { kind: 'system', id: 'system', label: 'vigil' };

export function actorRef(actor: Actor): string {
  return `${actor.kind}:${actor.label}`;
}

// ── Audit ────────────────────────────────────────────────────────────────────────────────────
export interface AuditInput {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditEventView {
  seq: number;
  id: string;
  occurredAt: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  hash: string;
}

export interface AuditStore {
  append(event: AuditInput): Promise<AuditEventView>;
  /** Several events in order, chained in one statement. */
  appendMany(events: readonly AuditInput[]): Promise<AuditEventView[]>;
  verify(onProgress?: (checked: number) => void): Promise<{ checked: number; head: string; broken: ChainBreak | null }>;
  list(filter: { entityType?: string; entityId?: string; limit: number; beforeSeq?: number }): Promise<AuditEventView[]>;
}

// ── Inventory ────────────────────────────────────────────────────────────────────────────────
export interface ProductView extends Product {
  readonly releaseCount: number;
  readonly componentCount: number;
}

export interface ProductStore {
  insert(id: string, input: NormalisedProductInput, at: Date): Promise<Product>;
  /** By id or slug. */
  find(idOrSlug: string): Promise<ProductView | null>;
  list(): Promise<ProductView[]>;
  slugExists(slug: string): Promise<boolean>;
}

export interface ReleaseView extends Release {
  readonly sbomCount: number;
  readonly componentCount: number;
}

export interface ReleaseStore {
  insert(id: string, productId: string, input: NormalisedReleaseInput, at: Date): Promise<Release>;
  find(id: string): Promise<ReleaseView | null>;
  /** By product and version (and variant, null meaning none). */
  findByVersion(productId: string, version: string, variant: string | null): Promise<ReleaseView | null>;
  listByProduct(productId: string): Promise<ReleaseView[]>;
}

export type SbomStatus = 'processing' | 'imported' | 'failed';

export interface SbomRecord {
  readonly id: string;
  readonly releaseId: string;
  readonly label: SbomLabel;
  readonly filename: string;
  readonly format: string;
  readonly specVersion: string;
  readonly serialNumber: string | null;
  readonly documentVersion: number | null;
  readonly status: SbomStatus;
  readonly componentCount: number;
  readonly byteSize: number;
  readonly sha256: string;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
  readonly jobId: string | null;
  readonly progressDone: number;
  readonly error: string | null;
  readonly importedAt: string | null;
}

export interface NewSbom {
  id: string;
  releaseId: string;
  label: SbomLabel;
  filename: string;
  sbom: ParsedSbom;
  bytes: Uint8Array;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string;
}

export interface SbomStore {
  insert(s: NewSbom): Promise<SbomRecord>;
  find(id: string): Promise<SbomRecord | null>;
  findByDigest(releaseId: string, label: SbomLabel, sha256: string): Promise<SbomRecord | null>;
  listByRelease(releaseId: string): Promise<SbomRecord[]>;
  listProcessing(): Promise<SbomRecord[]>;
  document(id: string): Promise<Uint8Array | null>;
  setJob(id: string, jobId: string): Promise<void>;
  setProgress(id: string, done: number): Promise<void>;
  /** Flips processing → imported; false when it was not processing (already done). */
  markImported(id: string, at: Date): Promise<boolean>;
  markFailed(id: string, error: string): Promise<void>;
}

export interface ComponentQuery {
  releaseId: string;
  sbomId?: string;
  q?: string;
  sort: 'name' | 'version' | 'type' | 'supplier' | 'purl' | 'license';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface ComponentView {
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
  hashes: Array<{ alg: string; content: string }>;
  levelOfSupport: string | null;
  endOfSupport: string | null;
  scope: string | null;
}

export interface ComponentStore {
  /** Removes rows of an unfinished import (re-run after a crash). */
  clearUnfinished(sbomId: string): Promise<number>;
  insertBatch(sbomId: string, releaseId: string, firstOrdinal: number, components: readonly SbomComponent[]): Promise<void>;
  insertDependencies(sbomId: string, deps: readonly SbomDependency[]): Promise<void>;
  /** Components of imported SBOMs only. */
  query(q: ComponentQuery): Promise<{ items: ComponentView[]; total: number }>;
  countBySbom(sbomId: string): Promise<number>;
}

// ── Accounts ─────────────────────────────────────────────────────────────────────────────────
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  /** May change organisation-wide settings (the administrator created on first start is one). */
  isAdmin: boolean;
  createdAt: string;
  disabledAt: string | null;
}

export interface UserStore {
  insert(u: { id: string; email: string; displayName: string; passwordHash: string; mustChangePassword: boolean; isAdmin?: boolean; createdAt: Date }): Promise<UserRecord>;
  findByEmail(email: string): Promise<UserRecord | null>;
  find(id: string): Promise<UserRecord | null>;
  count(): Promise<number>;
  /** Every user, by e-mail (disabled ones included; callers filter). */
  list(): Promise<UserRecord[]>;
  /** Sets a new password hash and clears the must-change flag. */
  setPassword(id: string, passwordHash: string): Promise<void>;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface SessionStore {
  insert(s: { tokenHash: string; userId: string; csrfToken: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  find(tokenHash: string): Promise<SessionRecord | null>;
  delete(tokenHash: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
  /** Ends every session of a user except, optionally, one. */
  deleteForUser(userId: string, except: string | null): Promise<number>;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenStore {
  insert(t: { id: string; userId: string; name: string; tokenHash: string; tokenPrefix: string; createdAt: Date; expiresAt: Date | null }): Promise<ApiTokenRecord>;
  findByHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  listByUser(userId: string): Promise<ApiTokenRecord[]>;
  revoke(id: string, userId: string, at: Date): Promise<ApiTokenRecord | null>;
  touch(id: string, at: Date): Promise<void>;
}

export interface SettingStore {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
}

// ── Jobs ─────────────────────────────────────────────────────────────────────────────────────
export interface JobOptions {
  /** Runs of one job at most: first try plus retries. */
  retryLimit?: number;
  singletonKey?: string;
}

export interface JobEnqueuer {
  /**
   * Enqueues in the current transaction: the job exists only if the transaction commits.
   * Throws VigilError JOB_ALREADY_QUEUED when the queue allows one waiting job and has one.
   */
  enqueue(name: string, data: Record<string, unknown>, options?: JobOptions): Promise<string>;
}

/** Everything a use case may touch inside one transaction. */
export interface Stores {
  products: ProductStore;
  releases: ReleaseStore;
  sboms: SbomStore;
  components: ComponentStore;
  audit: AuditStore;
  users: UserStore;
  sessions: SessionStore;
  apiTokens: ApiTokenStore;
  settings: SettingStore;
  jobs: JobEnqueuer;
  advisories: AdvisoryStore;
  feeds: FeedStateStore;
  findings: FindingStore;
  cases: CaseStore;
  notifications: NotificationStore;
}

export interface UnitOfWork {
  /** Runs `fn` in one transaction; everything it wrote commits or nothing does. */
  write<T>(fn: (s: Stores) => Promise<T>): Promise<T>;
  /** Runs `fn` outside a transaction (reads, or writes that are each atomic). */
  read<T>(fn: (s: Stores) => Promise<T>): Promise<T>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export type { ValidationIssue };

// ── Vulnerability intelligence ───────────────────────────────────────────────────────────────
export interface AdvisoryWrite {
  advisory: import('../domain/advisories/advisory.ts').Advisory;
  raw: unknown;
  contentHash: string;
  maxCvss: number | null;
  packages: Array<{ key: string; ecosystem: string | null; data: unknown }>;
  cpes: Array<{ vendorProduct: string; data: unknown }>;
}

export interface AdvisoryWriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Alias groups created, grown, merged or whose advisories changed. */
  touchedGroups: number[];
  /** The records inserted or updated (not those unchanged), as `source U+0000 id`. */
  changed: string[];
}

export interface VulnGroupSummary {
  groupId: number;
  primaryId: string;
  identifiers: string[];
  sources: string[];
  summary: string | null;
  maxCvss: number | null;
  published: string | null;
  modified: string;
  /** True when every advisory of the group is withdrawn. */
  withdrawn: boolean;
  kev: { dateAdded: string; dueDate: string | null; ransomware: boolean } | null;
  epss: { epss: number; percentile: number; date: string } | null;
}

export interface AdvisoryView {
  source: string;
  id: string;
  modified: string;
  withdrawn: string | null;
  data: unknown;
  raw: unknown;
  firstSeen: string;
  revisions: Array<{ modified: string; replacedAt: string }>;
}

export interface VulnGroupDetail extends VulnGroupSummary {
  advisories: AdvisoryView[];
  kevEntry: unknown;
  epssHistory: Array<{ date: string; epss: number; percentile: number }>;
}

export interface VulnQuery {
  source?: string;
  kev?: boolean;
  q?: string;
  includeWithdrawn?: boolean;
  offset: number;
  limit: number;
}

export interface AdvisoryStore {
  upsertBatch(items: readonly AdvisoryWrite[], at: Date): Promise<AdvisoryWriteResult>;
  upsertKev(entries: readonly import('../domain/advisories/advisory.ts').KevEntry[], at: Date, fullCatalog: boolean): Promise<{ inserted: number; updated: number; removed: number }>;
  upsertEpss(scores: readonly import('../domain/advisories/advisory.ts').EpssScore[]): Promise<number>;
  listGroups(q: VulnQuery): Promise<{ items: VulnGroupSummary[]; total: number }>;
  /** By any identifier (CVE, GHSA, OSV id, advisory id) of the group. */
  findGroup(identifier: string): Promise<VulnGroupDetail | null>;
  counts(): Promise<{ advisories: number; groups: number; identifiers: number; kev: number; epss: number; withdrawn: number }>;
  /**
   * Candidate advisories for matching: those naming any of the package keys (`pkg:type/ns/name`,
   * see domain/advisories/keys.ts) or CPE vendor:product pairs. Withdrawn ones included (the
   * matcher skips them); each with its alias group's primary id. With `groups`, only advisories
   * of those alias groups.
   */
  candidates(packageKeys: readonly string[], vendorProducts: readonly string[], groups?: readonly number[]): Promise<Array<{ advisory: import('../domain/advisories/advisory.ts').Advisory; groupId: number; primaryId: string }>>;
  /** As candidates(), each advisory as its stored JSON text (parsed by whoever matches: a full run's worker thread). */
  candidateTexts(packageKeys: readonly string[], vendorProducts: readonly string[], groups?: readonly number[]): Promise<Array<{ json: string; groupId: number }>>;
  /** Summaries of groups by id (findings views). */
  groupSummaries(groupIds: readonly number[]): Promise<VulnGroupSummary[]>;
  /** Keyset pages of every stored advisory (normalised and raw), for bundle export. */
  exportAdvisories(after: { source: string; id: string } | null, limit: number): Promise<Array<{ source: string; id: string; data: unknown; raw: unknown }>>;
  exportKev(): Promise<unknown[]>;
  exportEpss(after: { cve: string; date: string } | null, limit: number): Promise<Array<{ cve: string; date: string; epss: number; percentile: number }>>;
}

export interface FeedStateView {
  source: string;
  watermark: unknown;
  status: 'idle' | 'running' | 'failed';
  progress: { done: number; total: number | null; rate: number | null; etaSeconds: number | null } | null;
  lastStartedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  recordsTotal: number;
  problemsTotal: number;
  updatedAt: string;
}

export interface FeedStateStore {
  get(source: string): Promise<FeedStateView | null>;
  list(): Promise<FeedStateView[]>;
  start(source: string, at: Date): Promise<void>;
  /** Commits the watermark (in the batch's transaction) with the counters and progress. */
  advance(source: string, watermark: unknown, records: number, problems: number, progress: FeedStateView['progress'], at: Date): Promise<void>;
  succeed(source: string, at: Date): Promise<void>;
  fail(source: string, error: string, at: Date): Promise<void>;
  addProblems(problems: ReadonlyArray<{ source: string; id: string | null; location: string; reason: string }>, at: Date): Promise<void>;
  recentProblems(source: string, limit: number): Promise<Array<{ recordId: string | null; location: string; reason: string; occurredAt: string }>>;
  /** Sets a feed's watermark only when it has none (a bundle seeding an offline site). */
  seedWatermark(source: string, watermark: unknown, at: Date): Promise<boolean>;
}

// ── Findings ─────────────────────────────────────────────────────────────────────────────────
export interface MatchableComponent {
  id: string;
  sbomId: string;
  releaseId: string;
  ref: string;
  name: string;
  group: string | null;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  supplier: string | null;
  hashes: Array<{ alg: string; content: string }>;
  properties: Array<{ name: string; value: string }>;
}

export interface StoredFinding {
  id: string;
  componentId: string;
  groupId: number;
  status: 'affected' | 'indeterminate';
  confidence: 'high' | 'medium' | 'low';
  methods: string[];
  fixedVersions: string[];
  advisories: Array<{ source: string; id: string }>;
  evidence: unknown[];
  active: boolean;
  firstSeen: string;
  lastChanged: string;
}

/** How a component identity met one alias group: the explanation kept with its finding. */
export interface FindingMatch {
  methods: string[];
  fixedVersions: string[];
  advisories: Array<{ source: string; id: string }>;
  /** The evidence of every matching source, as JSON text (written, never read back by correlation). */
  evidenceJson: string;
}

/**
 * A component identity: everything the matcher reads of a component (ADR 010). Every instance with
 * the same identity has the same matches; `instances` counts those in imported SBOMs.
 */
export interface MatchableIdentity extends Omit<MatchableComponent, 'sbomId' | 'releaseId' | 'ref'> {
  instances: number;
}

/** The match state of one identity with one alias group (its instances' findings follow it). */
export interface FindingWrite {
  identityId: string;
  groupId: number;
  status: 'affected' | 'indeterminate';
  confidence: 'high' | 'medium' | 'low';
  match: FindingMatch;
}

/** What reconciliation reads of a stored finding (no evidence). */
export interface ReconcileFinding {
  id: string;
  identityId: string;
  groupId: number;
  status: 'affected' | 'indeterminate';
  confidence: 'high' | 'medium' | 'low';
  fixedVersions: string[];
  advisories: Array<{ source: string; id: string }>;
  active: boolean;
}

export interface FindingQuery {
  releaseId?: string;
  groupId?: number;
  active: boolean | null;
  status?: 'affected' | 'indeterminate';
  kev?: boolean;
  minCvss?: number;
  /** Highest EPSS probability (0–1) of the vulnerability's CVEs at least this. */
  minEpss?: number;
  productId?: string;
  confidence?: 'high' | 'medium' | 'low';
  q?: string;
  offset: number;
  limit: number;
}

export interface FindingView extends StoredFinding {
  component: { id: string; name: string; group: string | null; version: string | null; purl: string | null; cpe: string | null; sbomId: string; sbomLabel: string };
  release: { id: string; version: string; variant: string | null };
  product: { id: string; slug: string; name: string };
  vulnerability: VulnGroupSummary;
}

export interface FindingStore {
  /** The identities of an SBOM's components, or identities by id. */
  identitiesForMatching(filter: { sbomId: string } | { identityIds: readonly string[] }): Promise<MatchableIdentity[]>;
  /** Identities in id order after `afterId` (full re-correlation), without their instance counts (0). */
  identityPage(afterId: string | null, limit: number): Promise<MatchableIdentity[]>;
  /** Instances in imported SBOMs, per identity id (identities without any are left out). */
  instanceCounts(): Promise<Map<string, number>>;
  /** Identities indexed under any of the keys, or with a finding in one of `groups`. */
  identityIdsByKeys(keys: readonly string[], groups?: readonly number[]): Promise<string[]>;
  setIdentityKeys(entries: ReadonlyArray<{ identityId: string; keys: readonly string[] }>): Promise<void>;
  /** The findings of the identities (only of `groups` when given). */
  forIdentities(identityIds: readonly string[], groups?: readonly number[]): Promise<ReconcileFinding[]>;
  /** Inserts new identity findings with one `new` event each. */
  insertNew(fs: readonly FindingWrite[], at: Date): Promise<void>;
  /** Rewrites findings (status, confidence, match) and makes them active. */
  updateMany(updates: ReadonlyArray<{ id: string; write: FindingWrite }>, at: Date): Promise<void>;
  deactivate(ids: readonly string[], at: Date): Promise<void>;
  /** Outbox events of identity findings (every instance of the identity). */
  addEvents(events: ReadonlyArray<{ findingId: string; kind: 'new' | 'retracted' | 'reactivated' | 'changed'; payload: unknown }>, at: Date): Promise<void>;
  /**
   * After an import: one `new` event, scoped to the SBOM, for each active finding of its
   * components' identities not announced for it before; returns how many findings of its
   * instances that announced.
   */
  announceSbom(sbomId: string, at: Date): Promise<number>;
  /**
   * Refreshes the planner statistics of the tables correlation reads: `identities` the identity
   * tables (before a full run), `findings` also the component tables (after it), `all` also the
   * advisory tables (feed syncs, as they ingest).
   */
  refreshStatistics(scope?: 'identities' | 'findings' | 'all'): Promise<void>;
  query(q: FindingQuery): Promise<{ items: FindingView[]; total: number }>;
  counts(releaseId: string): Promise<{ active: number; affected: number; indeterminate: number; inactive: number }>;
}

// ── Regulatory cases ─────────────────────────────────────────────────────────────────────────
export type CaseKind = 'vulnerability' | 'incident' | 'complaint' | 'cvd-report' | 'other';
export type PsirtRole = 'lead' | 'analyst' | 'engineer' | 'regulatory' | 'clinical' | 'product' | 'support';
export type StoredObligationStatus = 'pending' | 'due-soon' | 'overdue' | 'fulfilled' | 'not-applicable';
export type CaseSeverity = 'critical' | 'high' | 'medium' | 'low';
export type TaskStatus = 'open' | 'done' | 'skipped';

export interface CaseTask {
  id: string;
  caseId: string;
  /** The playbook and task key it was planned from; null for ad-hoc tasks. */
  playbook: string | null;
  templateKey: string | null;
  ordinal: number;
  title: string;
  /** The PSIRT role that owns it (null: nobody by role). */
  role: PsirtRole | null;
  assignee: { id: string; email: string; displayName: string } | null;
  dueAt: string | null;
  /** True when a person set the due date (severity changes no longer re-plan it). */
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

export interface NewCaseTask {
  id: string;
  caseId: string;
  playbook: string | null;
  templateKey: string | null;
  title: string;
  role: PsirtRole | null;
  assigneeId: string | null;
  dueAt: string | null;
  dueManual: boolean;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface CaseDocumentInfo {
  id: string;
  name: string;
  sha256: string;
  byteSize: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface CaseRecord {
  id: string;
  number: number;
  title: string;
  kind: CaseKind;
  status: 'open' | 'closed';
  severity: CaseSeverity;
  sourceFindingId: string | null;
  vulnGroupId: number | null;
  /** Closing: when, by whom, the resolution note, and the reason when closed with open obligations. */
  closedAt: string | null;
  closedBy: string | null;
  resolution: string | null;
  forcedCloseReason: string | null;
  /** Current facts (CaseFacts), derived from the timeline. */
  facts: unknown;
  /** The last stored evaluation: packs, missing facts, trace. */
  evaluation: unknown;
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
  /** For time facts: the instant named and the zone whose days count. */
  instant: string | null;
  timeZone: string | null;
  changedBy: string;
  changedAt: string;
  note: string | null;
}

export interface CaseLink {
  type: 'product' | 'release' | 'finding';
  id: string;
}

export interface CaseRoleAssignment {
  role: PsirtRole;
  userId: string;
}

export interface ObligationWrite {
  key: string;
  ruleId: string;
  packId: string;
  packVersion: string;
  title: string;
  citation: string;
  period: string;
  trigger: unknown;
  dueAt: string | null;
  dueLocal: string | null;
  timeZone: string;
  dueSoonAt: string | null;
  status: StoredObligationStatus;
  provisional: boolean;
  assumptions: readonly string[];
  missingFacts: unknown[];
  naSource: 'engine' | 'user' | null;
  naCode: string | null;
  naReason: string | null;
  naBy: string | null;
  naAt: string | null;
  fulfilledAt: string | null;
  late: boolean;
}

export interface StoredObligation extends ObligationWrite {
  id: string;
  caseId: string;
  fulfilledBy: string | null;
  reference: string | null;
  document: { id: string; name: string; sha256: string; byteSize: number } | null;
  evaluatedAt: string;
  createdAt: string;
}

export interface BoardObligation extends StoredObligation {
  case: { id: string; number: number; title: string; kind: CaseKind };
}

export interface CaseStore {
  insert(c: { id: string; title: string; kind: CaseKind; severity: CaseSeverity; sourceFindingId: string | null; vulnGroupId: number | null; facts: unknown; openedAt: Date; openedBy: string }): Promise<CaseRecord>;
  /** By id or number. */
  find(idOrNumber: string): Promise<CaseRecord | null>;
  list(filter: { status?: 'open' | 'closed' }): Promise<CaseRecord[]>;
  setFacts(id: string, facts: unknown, at: Date): Promise<void>;
  setEvaluation(id: string, evaluation: unknown, at: Date): Promise<void>;
  addFactChanges(caseId: string, changes: ReadonlyArray<{ path: string; value: unknown; instant: Date | null; timeZone: string | null }>, by: string, at: Date, note: string | null): Promise<void>;
  timeline(caseId: string): Promise<FactChange[]>;
  addLinks(caseId: string, links: readonly CaseLink[]): Promise<void>;
  links(caseId: string): Promise<CaseLink[]>;
  setRoles(caseId: string, roles: readonly CaseRoleAssignment[]): Promise<void>;
  roles(caseId: string): Promise<CaseRoleAssignment[]>;
  /** The release, product and vulnerability of a finding. */
  findingSource(findingId: string): Promise<{ findingId: string; releaseId: string; productId: string; groupId: number } | null>;
  vulnGroupExists(groupId: number): Promise<boolean>;
  obligations(caseId: string): Promise<StoredObligation[]>;
  /** Inserts or updates by (case, key); the fulfilment details are kept. */
  upsertObligation(caseId: string, id: string, o: ObligationWrite, at: Date): Promise<void>;
  setFulfilment(obligationId: string, f: { by: string; reference: string | null; documentId: string | null }): Promise<void>;
  insertDocument(d: { id: string; caseId: string; name: string; sha256: string; bytes: Uint8Array; uploadedBy: string; uploadedAt: Date }): Promise<void>;
  document(id: string): Promise<{ caseId: string; name: string; sha256: string; bytes: Uint8Array } | null>;
  documents(caseId: string): Promise<CaseDocumentInfo[]>;
  removeLink(caseId: string, link: CaseLink): Promise<boolean>;
  setSeverity(id: string, severity: CaseSeverity, at: Date): Promise<void>;
  close(id: string, c: { at: Date; by: string; resolution: string; forcedReason: string | null }): Promise<void>;
  reopen(id: string, at: Date): Promise<void>;
  insertTasks(tasks: readonly NewCaseTask[]): Promise<void>;
  tasks(caseId: string): Promise<CaseTask[]>;
  task(caseId: string, taskId: string): Promise<CaseTask | null>;
  updateTask(id: string, t: { title: string; assigneeId: string | null; dueAt: string | null; dueManual: boolean; status: TaskStatus; doneBy: string | null; doneAt: string | null; note: string | null }, at: Date): Promise<void>;
  /** Tasks of open cases across the portfolio, by due instant (none last). */
  taskList(filter: { assigneeId?: string | null; status?: TaskStatus; limit: number }): Promise<PortfolioTask[]>;
  /** Obligations across the portfolio (open cases), by due instant, those without one last. */
  board(filter: { state: 'open' | 'due-soon' | 'overdue' | 'all'; now: Date; limit: number }): Promise<BoardObligation[]>;
}

// ── Notifications (outbox) ───────────────────────────────────────────────────────────────────
export type NotificationChannel = 'email' | 'webhook';
export type NotificationState = 'pending' | 'delivered' | 'dead' | 'cancelled';

export interface NotificationWrite {
  id: string;
  /** Idempotency key: a second insert with the same key is ignored. */
  key: string;
  channel: NotificationChannel;
  /** E-mail address or webhook URL. */
  target: string;
  subject: string;
  body: string;
  payload: unknown;
  caseId: string | null;
  obligationId: string | null;
  /** The case task it reminds of (task reminders); absent or null otherwise. */
  taskId?: string | null;
}

export interface NotificationRecord extends NotificationWrite {
  taskId: string | null;
  state: NotificationState;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  errors: Array<{ at: string; error: string }>;
  deliveredAt: string | null;
  deadAt: string | null;
  cancelledAt: string | null;
}

/** An open obligation of an open case with a due instant, and who holds the case's roles. */
export interface ReminderCandidate {
  obligation: { id: string; key: string; title: string; citation: string; dueAt: string; triggerAt: string | null; timeZone: string; provisional: boolean; status: StoredObligationStatus };
  case: { id: string; number: number; title: string };
  roleHolders: Array<{ role: PsirtRole; email: string }>;
}

/** An open task of an open case with a due instant and an assignee, and who leads the case. */
export interface TaskReminderCandidate {
  task: { id: string; title: string; role: PsirtRole | null; dueAt: string; createdAt: string; status: TaskStatus; assignee: { id: string; email: string; displayName: string; disabled: boolean } };
  case: { id: string; number: number; title: string; timeZone: string };
  /** Holders of the case's `lead` role (enabled users). */
  leads: Array<{ email: string }>;
}

export interface NotificationStore {
  reminderCandidates(): Promise<ReminderCandidate[]>;
  taskReminderCandidates(): Promise<TaskReminderCandidate[]>;
  /** Inserts the rows whose key is new; returns the keys inserted. */
  insertMany(rows: readonly NotificationWrite[], at: Date): Promise<string[]>;
  /**
   * Claims up to `limit` messages due at `now` (skipping those another worker holds) and pushes
   * their next attempt to `leaseUntil`, so a crashed worker's messages come back. `stillCurrent`
   * is false when the message's obligation (or task) is no longer open (or its case is closed), or
   * its deadline (or a task's assignee) is no longer the one the message announces.
   */
  claim(now: Date, leaseUntil: Date, limit: number): Promise<Array<NotificationRecord & { stillCurrent: boolean }>>;
  markDelivered(id: string, at: Date): Promise<void>;
  /** Not sent: what it reminded of is settled (`reason` is kept as the last error). */
  markCancelled(id: string, at: Date, reason: string): Promise<void>;
  /** Records a failed attempt; `next` null makes the message dead. */
  markFailed(id: string, attempt: { at: Date; error: string }, next: Date | null): Promise<NotificationRecord>;
  find(id: string): Promise<NotificationRecord | null>;
  list(filter: { state?: NotificationState; limit: number }): Promise<NotificationRecord[]>;
  /** Dead → pending, due at `at`, attempts reset; null when the message is not dead. */
  requeue(id: string, at: Date): Promise<NotificationRecord | null>;
}

/**
 * A refusal that retrying cannot change (SMTP 5xx for the message or its recipient, HTTP 4xx other
 * than 408 and 429): the message ends dead at once, with this text as its error.
 */
export class PermanentDeliveryError extends Error {
  readonly permanent = true;
}

/**
 * Delivers one message over one channel; throws (with a message free of secrets) when it fails:
 * a `PermanentDeliveryError` when retrying cannot help, any other error for a temporary failure.
 */
export interface NotificationSender {
  send(message: Pick<NotificationRecord, 'id' | 'channel' | 'target' | 'subject' | 'body' | 'payload'>): Promise<void>;
}
