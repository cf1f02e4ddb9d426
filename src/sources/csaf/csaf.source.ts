/**
 * CSAF 2.0 providers as a vulnerability source.
 *
 * For each configured provider: find its `provider-metadata.json` (the URL given, or
 * `https://<domain>/.well-known/csaf/provider-metadata.json`, or the `CSAF:` line of the domain's
 * `security.txt`), read its distributions — ROLIE feeds (JSON feed entries linking the document,
 * its `.sha256`/`.sha512` and `.asc`) and directory distributions (`changes.csv`, else
 * `index.txt`) — and download the documents changed since the provider's watermark. Checksums are
 * verified (mismatch → problem, document skipped); with a configured public key the detached
 * OpenPGP signature must verify too (bad or missing → problem, skipped); without a key the
 * document is accepted and marked unverified in its raw record.
 *
 * Watermark: `{ providers: { <name>: { updated } } }`, the newest change time (ROLIE entry
 * `updated`, `changes.csv` time, or the document's `current_release_date`) up to which every
 * document of that provider has been handled. Batches end only between different change times,
 * so a resumed sync never skips a document that shares a time with the last one committed.
 */
import type { Advisory, RecordProblem } from '../../domain/advisories/advisory.ts';
import { parseCsafJson, type CsafRawRecord } from '../../formats/csaf/csaf.parser.ts';
import { validateProviderMetadata } from '../../formats/csaf/csaf.schema.ts';
import { defaultSourceLimits, type HttpDeps, type SourceAdapter, type SourceBatch, type SourceLimits } from '../source.ts';
import { defaultHttpPolicy, httpGet, type HttpPolicy } from './csaf.http.ts';
import { digest, hashAlgorithmOf, parseHashFile, verifyDetachedSignature, type HashAlgorithm } from './csaf.verify.ts';

export interface CsafProvider {
  /** Stable name; keys the provider's watermark. */
  readonly name: string;
  /** A domain (`example.com`), a site URL, or the URL of its `provider-metadata.json`. */
  readonly url: string;
  /** Armored OpenPGP public key; when set, every document must carry a valid signature by it. */
  readonly publicKeyArmored?: string;
  /** TLP labels accepted (default: WHITE and CLEAR). Documents and ROLIE feeds with another label are skipped. */
  readonly tlpAllowed?: readonly string[];
}

/** CISA's CSAF provider (ICS and ICS medical advisories), preconfigured. */
export const CISA_CSAF_PROVIDER: CsafProvider = {
  name: 'cisa',
  url: 'https://www.cisa.gov/sites/default/files/csaf/provider-metadata.json',
};

export const DEFAULT_CSAF_PROVIDERS: readonly CsafProvider[] = [CISA_CSAF_PROVIDER];

export interface CsafSourceOptions {
  /** Device vendors and other providers, added to the defaults. */
  readonly providers?: readonly CsafProvider[];
  /** Include the default providers (CISA). Default true; a configured provider with the same name replaces a default. */
  readonly includeDefaults?: boolean;
  readonly limits?: SourceLimits;
  /** Documents per batch (a batch may exceed it to keep documents with the same change time together). */
  readonly batchSize?: number;
  readonly http?: Partial<Omit<HttpPolicy, 'maxBytes'>>;
}

export interface CsafWatermark {
  readonly providers: Readonly<Record<string, { readonly updated: string }>>;
}

/** How a document was obtained and what was checked, kept in its advisories' raw records. */
export interface CsafRetrieval {
  readonly provider: string;
  readonly url: string;
  /** `file`: imported offline, nothing to verify against. */
  readonly distribution: 'rolie' | 'directory' | 'file';
  readonly checksums: ReadonlyArray<{ readonly algorithm: HashAlgorithm; readonly status: 'verified' | 'unavailable' }>;
  readonly signature: { readonly status: 'verified'; readonly keyId: string } | { readonly status: 'unverified'; readonly reason: string };
}

export type CsafSourceRawRecord = CsafRawRecord & { readonly retrieval: CsafRetrieval };

const DEFAULT_TLP = ['WHITE', 'CLEAR'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function timeOf(s: string | null): number | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

/**
 * Candidate metadata URLs for a provider URL: a `.json` URL as given; otherwise the domain's
 * well-known location, then its security.txt (resolved separately).
 */
export function providerMetadataUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed) ? trimmed : `https://${trimmed}`;
  const url = new URL(withScheme);
  if (url.pathname.toLowerCase().endsWith('.json')) return url.toString();
  return new URL('/.well-known/csaf/provider-metadata.json', url.origin).toString();
}

/** The `CSAF:` URLs of a security.txt (RFC 9116 field added by CSAF 2.0). */
export function csafUrlsInSecurityTxt(text: string): string[] {
  return text
    .split(/\r?\n/u)
    .map((l) => /^CSAF:\s*(\S+)\s*$/iu.exec(l)?.[1])
    .filter((u): u is string => typeof u === 'string');
}

/** Parses `changes.csv`: `"path","time"` per line (quotes optional). */
export function parseChangesCsv(text: string): Array<{ path: string; updated: string }> {
  const out: Array<{ path: string; updated: string }> = [];
  for (const line of text.split(/\r?\n/u)) {
    if (line.trim() === '') continue;
    const m = /^\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*,\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*$/u.exec(line);
    if (!m) continue;
    const path = (m[1]?.replace(/""/gu, '"') ?? m[2] ?? '').trim();
    const updated = (m[3]?.replace(/""/gu, '"') ?? m[4] ?? '').trim();
    if (path) out.push({ path, updated });
  }
  return out;
}

interface Candidate {
  readonly url: string;
  /** Change time from the feed or changes.csv; null when only index.txt lists it. */
  readonly updated: string | null;
  readonly hashUrls: readonly string[];
  readonly signatureUrl: string | null;
  readonly distribution: 'rolie' | 'directory';
}

interface ProviderContext {
  readonly provider: CsafProvider;
  readonly deps: HttpDeps;
  readonly policy: HttpPolicy;
  readonly problems: RecordProblem[];
  readonly tlp: ReadonlySet<string>;
}

function problem(ctx: ProviderContext, location: string, reason: string, id: string | null = null): void {
  ctx.problems.push({ source: `csaf:${ctx.provider.name}`, id, location, reason });
}

async function getJson(ctx: ProviderContext, url: string): Promise<{ ok: true; value: unknown } | { ok: false; status: number | null; transient: boolean; reason: string }> {
  const res = await httpGet(url, ctx.deps, ctx.policy);
  if (!res.ok) return res;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(res.bytes)) };
  } catch (e) {
    return { ok: false, status: null, transient: false, reason: `not valid JSON: ${(e as Error).message}` };
  }
}

async function discover(ctx: ProviderContext): Promise<{ url: string; metadata: Record<string, unknown> } | null> {
  const first = providerMetadataUrl(ctx.provider.url);
  const tried: string[] = [];
  const candidates = [first];
  for (let i = 0; i < candidates.length; i++) {
    const url = candidates[i]!;
    tried.push(url);
    const res = await getJson(ctx, url);
    if (res.ok) {
      if (!isObject(res.value)) {
        problem(ctx, url, 'provider metadata is not a JSON object');
        return null;
      }
      return { url, metadata: res.value };
    }
    if (res.status === 404 && i === 0 && !ctx.provider.url.toLowerCase().split(/[?#]/u)[0]!.endsWith('.json')) {
      // well-known location missing: look for a CSAF line in security.txt
      const sec = await httpGet(new URL('/.well-known/security.txt', url).toString(), ctx.deps, ctx.policy);
      if (sec.ok) candidates.push(...csafUrlsInSecurityTxt(new TextDecoder().decode(sec.bytes)).filter((u) => !tried.includes(u)));
      continue;
    }
    if (i === candidates.length - 1) problem(ctx, url, `provider metadata not available: ${res.reason}`);
  }
  if (candidates.length === tried.length && tried.length > 0) {
    const last = ctx.problems.at(-1);
    if (!last || !tried.includes(last.location)) problem(ctx, tried.join(' '), 'provider metadata not found');
  }
  return null;
}

function allowedTlp(ctx: ProviderContext, label: unknown): boolean {
  if (typeof label !== 'string' || label === '' || label.toUpperCase() === 'UNLABELED') return true;
  return ctx.tlp.has(label.toUpperCase());
}

/** Documents listed by a ROLIE feed. */
async function rolieCandidates(ctx: ProviderContext, feedUrl: string, out: Map<string, Candidate>): Promise<boolean> {
  const res = await getJson(ctx, feedUrl);
  if (!res.ok) {
    problem(ctx, feedUrl, `ROLIE feed not available: ${res.reason}`);
    return !res.transient;
  }
  const feed = isObject(res.value) && isObject(res.value.feed) ? res.value.feed : null;
  if (!feed) {
    problem(ctx, feedUrl, 'not a ROLIE feed (no feed object)');
    return true;
  }
  arr(feed.entry).forEach((e, i) => {
    if (!isObject(e)) return;
    const links = arr(e.link).filter(isObject);
    const href = (rel: string): string[] => links.filter((l) => l.rel === rel && typeof l.href === 'string').map((l) => new URL(String(l.href), feedUrl).toString());
    const content = isObject(e.content) && typeof e.content.src === 'string' ? new URL(e.content.src, feedUrl).toString() : null;
    const url = href('self')[0] ?? content;
    if (!url) {
      problem(ctx, `${feedUrl} $.feed.entry[${i}]`, 'ROLIE entry without a link to its document');
      return;
    }
    const updated = typeof e.updated === 'string' ? e.updated : typeof e.published === 'string' ? e.published : null;
    add(out, { url, updated, hashUrls: href('hash').filter((h) => hashAlgorithmOf(h) !== null), signatureUrl: href('signature')[0] ?? null, distribution: 'rolie' });
  });
  return true;
}

/** Documents listed by a directory distribution (changes.csv, else index.txt). */
async function directoryCandidates(ctx: ProviderContext, directoryUrl: string, out: Map<string, Candidate>): Promise<boolean> {
  const base = directoryUrl.endsWith('/') ? directoryUrl : `${directoryUrl}/`;
  const fromPath = (path: string, updated: string | null): Candidate => {
    const url = new URL(path, base).toString();
    return { url, updated, hashUrls: [`${url}.sha256`, `${url}.sha512`], signatureUrl: `${url}.asc`, distribution: 'directory' };
  };
  const changes = await httpGet(new URL('changes.csv', base).toString(), ctx.deps, ctx.policy);
  if (changes.ok) {
    for (const row of parseChangesCsv(new TextDecoder().decode(changes.bytes))) add(out, fromPath(row.path, row.updated));
    return true;
  }
  if (changes.transient) {
    problem(ctx, new URL('changes.csv', base).toString(), `directory listing not available: ${changes.reason}`);
    return false;
  }
  const index = await httpGet(new URL('index.txt', base).toString(), ctx.deps, ctx.policy);
  if (!index.ok) {
    problem(ctx, base, `directory distribution has neither changes.csv nor index.txt: ${index.reason}`);
    return !index.transient;
  }
  for (const line of new TextDecoder().decode(index.bytes).split(/\r?\n/u)) {
    if (line.trim() !== '') add(out, fromPath(line.trim(), null));
  }
  return true;
}

function add(out: Map<string, Candidate>, c: Candidate): void {
  const prev = out.get(c.url);
  if (!prev) {
    out.set(c.url, c);
    return;
  }
  // listed twice (ROLIE and directory): keep the newer change time and the richer links
  const newer = (timeOf(c.updated) ?? -Infinity) > (timeOf(prev.updated) ?? -Infinity) ? c.updated : prev.updated;
  out.set(c.url, { ...prev, updated: newer, hashUrls: [...new Set([...prev.hashUrls, ...c.hashUrls])], signatureUrl: prev.signatureUrl ?? c.signatureUrl });
}

type DocumentOutcome =
  | { kind: 'ok'; advisories: readonly Advisory[]; raw: ReadonlyMap<string, CsafSourceRawRecord>; currentReleaseDate: string | null }
  | { kind: 'skipped'; currentReleaseDate: string | null }
  /** Worth retrying later: the provider stops here and its watermark stays before this document. */
  | { kind: 'transient' };

async function fetchDocument(ctx: ProviderContext, c: Candidate, maxBytes: number): Promise<DocumentOutcome> {
  const res = await httpGet(c.url, ctx.deps, { ...ctx.policy, maxBytes });
  if (!res.ok) {
    problem(ctx, c.url, `document not downloaded: ${res.reason}`);
    return res.transient ? { kind: 'transient' } : { kind: 'skipped', currentReleaseDate: null };
  }
  const bytes = res.bytes;

  const checksums: Array<{ algorithm: HashAlgorithm; status: 'verified' | 'unavailable' }> = [];
  for (const hashUrl of c.hashUrls) {
    const algorithm = hashAlgorithmOf(hashUrl)!;
    const h = await httpGet(hashUrl, ctx.deps, { ...ctx.policy, maxBytes: 4096 });
    if (!h.ok) {
      if (h.transient) {
        problem(ctx, hashUrl, `checksum not downloaded: ${h.reason}`);
        return { kind: 'transient' };
      }
      // directory distributions: both names are tried, usually one exists
      if (c.distribution === 'rolie') checksums.push({ algorithm, status: 'unavailable' });
      continue;
    }
    const expected = parseHashFile(new TextDecoder().decode(h.bytes), algorithm);
    if (!expected) {
      problem(ctx, hashUrl, `${algorithm} file holds no ${algorithm} digest; document skipped`);
      return { kind: 'skipped', currentReleaseDate: null };
    }
    const actual = digest(bytes, algorithm);
    if (actual !== expected) {
      problem(ctx, c.url, `${algorithm} mismatch (expected ${expected}, got ${actual}); document skipped`);
      return { kind: 'skipped', currentReleaseDate: null };
    }
    checksums.push({ algorithm, status: 'verified' });
  }

  let signature: CsafRetrieval['signature'] = { status: 'unverified', reason: 'no public key configured for the provider' };
  if (ctx.provider.publicKeyArmored) {
    if (!c.signatureUrl) {
      problem(ctx, c.url, 'a public key is configured but the document has no signature link; document skipped');
      return { kind: 'skipped', currentReleaseDate: null };
    }
    const sig = await httpGet(c.signatureUrl, ctx.deps, { ...ctx.policy, maxBytes: 64 * 1024 });
    if (!sig.ok) {
      problem(ctx, c.signatureUrl, `signature not downloaded: ${sig.reason}; document skipped`);
      return sig.transient ? { kind: 'transient' } : { kind: 'skipped', currentReleaseDate: null };
    }
    const check = await verifyDetachedSignature(bytes, new TextDecoder().decode(sig.bytes), ctx.provider.publicKeyArmored);
    if (!check.ok) {
      problem(ctx, c.signatureUrl, `${check.reason}; document skipped`);
      return { kind: 'skipped', currentReleaseDate: null };
    }
    signature = { status: 'verified', keyId: check.keyId };
  }

  const parsed = parseCsafJson(bytes, { location: c.url, maxBytes });
  for (const p of parsed.problems) ctx.problems.push({ ...p, source: `csaf:${ctx.provider.name}` });
  if (!parsed.document) return { kind: 'skipped', currentReleaseDate: null };
  if (!allowedTlp(ctx, parsed.document.tlp)) {
    problem(ctx, c.url, `TLP:${parsed.document.tlp} is not allowed for this provider; document skipped`, parsed.document.trackingId);
    return { kind: 'skipped', currentReleaseDate: parsed.document.currentReleaseDate };
  }
  const retrieval: CsafRetrieval = { provider: ctx.provider.name, url: c.url, distribution: c.distribution, checksums, signature };
  const raw = new Map<string, CsafSourceRawRecord>();
  for (const [id, r] of parsed.raw) raw.set(id, { ...r, retrieval });
  return { kind: 'ok', advisories: parsed.advisories, raw, currentReleaseDate: parsed.document.currentReleaseDate };
}

function readWatermark(w: unknown): Record<string, { updated: string }> {
  const out: Record<string, { updated: string }> = {};
  if (!isObject(w) || !isObject(w.providers)) return out;
  for (const [name, v] of Object.entries(w.providers)) if (isObject(v) && typeof v.updated === 'string') out[name] = { updated: v.updated };
  return out;
}

export function configuredProviders(options: CsafSourceOptions): CsafProvider[] {
  const own = options.providers ?? [];
  const names = new Set(own.map((p) => p.name));
  const defaults = options.includeDefaults === false ? [] : DEFAULT_CSAF_PROVIDERS.filter((p) => !names.has(p.name));
  return [...defaults, ...own];
}

export const csafSource: SourceAdapter<CsafSourceOptions> = {
  name: 'csaf',
  async *sync(options, watermark, deps) {
    const limits = options.limits ?? defaultSourceLimits;
    const policy: HttpPolicy = { ...defaultHttpPolicy, ...options.http, maxBytes: Math.min(limits.maxDocumentBytes, defaultHttpPolicy.maxBytes) };
    const batchSize = Math.max(1, options.batchSize ?? 50);
    const marks = readWatermark(watermark);
    let done = 0;

    for (const provider of configuredProviders(options)) {
      const problems: RecordProblem[] = [];
      const ctx: ProviderContext = { provider, deps, policy, problems, tlp: new Set((provider.tlpAllowed ?? DEFAULT_TLP).map((t) => t.toUpperCase())) };
      const since = timeOf(marks[provider.name]?.updated ?? null);
      const snapshot = (): CsafWatermark => ({ providers: { ...marks } });

      const found = await discover(ctx);
      if (!found) {
        yield { problems, watermark: snapshot(), progress: { done, total: null } };
        continue;
      }
      const { url: metadataUrl, metadata } = found;
      if (!/^https:$/u.test(new URL(metadataUrl).protocol) && !isLoopback(new URL(metadataUrl).hostname)) {
        problem(ctx, metadataUrl, 'provider metadata must be served over https; provider skipped');
        yield { problems, watermark: snapshot(), progress: { done, total: null } };
        continue;
      }
      const issues = validateProviderMetadata(metadata);
      for (const i of issues.slice(0, 10)) problem(ctx, `${metadataUrl} ${i.path}`, `provider metadata does not match the CSAF 2.0 schema (read anyway): ${i.message}`);

      const candidates = new Map<string, Candidate>();
      let listingsComplete = true;
      for (const [i, d] of arr(metadata.distributions).entries()) {
        if (!isObject(d)) continue;
        if (isObject(d.rolie)) {
          for (const f of arr(d.rolie.feeds)) {
            if (!isObject(f) || typeof f.url !== 'string') continue;
            if (!allowedTlp(ctx, f.tlp_label)) continue;
            listingsComplete = (await rolieCandidates(ctx, new URL(f.url, metadataUrl).toString(), candidates)) && listingsComplete;
          }
        }
        if (typeof d.directory_url === 'string') {
          listingsComplete = (await directoryCandidates(ctx, new URL(d.directory_url, metadataUrl).toString(), candidates)) && listingsComplete;
        }
        if (!isObject(d.rolie) && typeof d.directory_url !== 'string') problem(ctx, `${metadataUrl} $.distributions[${i}]`, 'distribution has neither rolie nor directory_url');
      }

      // Changed since the watermark, oldest first; index.txt-only entries (no time) last.
      const todo = [...candidates.values()]
        .filter((c) => since === null || timeOf(c.updated) === null || timeOf(c.updated)! > since)
        .sort((a, b) => (timeOf(a.updated) ?? Infinity) - (timeOf(b.updated) ?? Infinity) || (a.url < b.url ? -1 : 1));

      let advisories: Advisory[] = [];
      let raw = new Map<string, unknown>();
      let safe = marks[provider.name]?.updated ?? null;
      let newest = safe;
      const bump = (t: string | null): void => {
        if (t !== null && timeOf(t) !== null && (newest === null || timeOf(t)! > timeOf(newest)!)) newest = t;
      };
      let handled = 0;
      let yielded = false;
      // A listing that failed transiently may hide older changes: then the watermark stays put.
      const advance = (): void => {
        if (listingsComplete && safe !== null) marks[provider.name] = { updated: safe };
      };

      for (const [i, c] of todo.entries()) {
        const outcome = await fetchDocument(ctx, c, limits.maxDocumentBytes);
        if (outcome.kind === 'transient') break; // retried on the next sync; safe stays before it
        handled++;
        done++;
        const unchanged = c.updated === null && since !== null && (timeOf(outcome.currentReleaseDate) ?? Infinity) <= since;
        if (outcome.kind === 'ok' && !unchanged) {
          advisories.push(...outcome.advisories);
          for (const [id, r] of outcome.raw) raw.set(id, r);
        }
        bump(c.updated ?? outcome.currentReleaseDate);
        const next = todo[i + 1];
        const boundary = !next || c.updated === null || timeOf(next.updated) !== timeOf(c.updated);
        if (boundary) safe = newest;
        if (boundary && handled >= batchSize && next) {
          advance();
          yield batch(advisories, raw, problems.splice(0), snapshot(), done);
          yielded = true;
          advisories = [];
          raw = new Map();
          handled = 0;
        }
      }
      advance();
      if (!yielded || advisories.length > 0 || problems.length > 0 || handled > 0) {
        yield batch(advisories, raw, problems.splice(0), snapshot(), done);
      }
    }
  },
};

function batch(advisories: Advisory[], raw: Map<string, unknown>, problems: RecordProblem[], watermark: CsafWatermark, done: number): SourceBatch {
  return { advisories, raw, problems, watermark, progress: { done, total: null } };
}
