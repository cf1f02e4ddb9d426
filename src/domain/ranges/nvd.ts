/**
 * NVD CPE match criteria (NVD API 2.0 `configurations[].nodes[].cpeMatch[]`):
 *
 *   { "criteria": "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
 *     "versionStartIncluding": "2.0.1", "versionEndExcluding": "2.12.2", "vulnerable": true }
 *
 * A version is in the criteria when it is within the start/end bounds; with no bounds, the
 * version field of the criteria CPE decides (`*` any version, a specific version that
 * version). NVD does not say which version scheme its bounds use: the caller passes one (from
 * the component's purl type, for example). With none, Vigil compares with `generic` and says
 * so in the reason; CPE matches are lower-confidence than purl matches in any case.
 */
import { affected, indeterminate, notAffected, type RangeResult } from './result.ts';
import { CachedScheme, lookupScheme } from './schemes.ts';
import { formatVers, VersionSet, type VersResult } from './vers.ts';

export interface NvdCpeMatch {
  readonly criteria: string;
  readonly vulnerable?: boolean;
  readonly versionStartIncluding?: string;
  readonly versionStartExcluding?: string;
  readonly versionEndIncluding?: string;
  readonly versionEndExcluding?: string;
  readonly matchCriteriaId?: string;
}

export interface NvdEvaluateOptions {
  /** The version scheme of the component (a SchemeId); `generic` when unknown. */
  readonly scheme?: string;
}

/** Splits a CPE 2.3 formatted string on unescaped colons and unescapes each part. */
export function splitCpe23(cpe: string): string[] | undefined {
  if (!cpe.startsWith('cpe:2.3:')) return undefined;
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < cpe.length; i++) {
    const ch = cpe[i]!;
    if (ch === '\\' && i + 1 < cpe.length) {
      cur += cpe[i + 1];
      i++;
    } else if (ch === ':') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.length === 13 ? parts : undefined;
}

interface Bounds {
  lo?: { version: string; inclusive: boolean; field: string };
  hi?: { version: string; inclusive: boolean; field: string };
}

function boundsOf(m: NvdCpeMatch): Bounds {
  const b: Bounds = {};
  if (m.versionStartIncluding) b.lo = { version: m.versionStartIncluding, inclusive: true, field: 'versionStartIncluding' };
  else if (m.versionStartExcluding) b.lo = { version: m.versionStartExcluding, inclusive: false, field: 'versionStartExcluding' };
  if (m.versionEndIncluding) b.hi = { version: m.versionEndIncluding, inclusive: true, field: 'versionEndIncluding' };
  else if (m.versionEndExcluding) b.hi = { version: m.versionEndExcluding, inclusive: false, field: 'versionEndExcluding' };
  return b;
}

function resolveScheme(options: NvdEvaluateOptions): { scheme?: CachedScheme; note: string; reason?: string } {
  const id = options.scheme ?? 'generic';
  const note = options.scheme ? '' : '; no scheme known for this component, compared with the generic scheme';
  const lookup = lookupScheme(id);
  if (!lookup.ok) return { note, reason: lookup.reason };
  return { scheme: new CachedScheme(lookup.scheme), note };
}

/** Is a component version within an NVD CPE match criteria's version range? */
export function evaluateCpeMatch(match: NvdCpeMatch, version: string, options: NvdEvaluateOptions = {}): RangeResult {
  const parts = splitCpe23(match.criteria ?? '');
  if (!parts) return indeterminate(`'${match.criteria}' is not a CPE 2.3 formatted string`);
  const cpeVersion = parts[5]!;
  const update = parts[6]!;
  const { scheme, note, reason } = resolveScheme(options);
  if (!scheme) return indeterminate(`cannot compare versions for ${match.criteria}: ${reason}`);
  const id = scheme.id;
  const tag = `(${id}, NVD CPE match${note})`;
  const b = boundsOf(match);
  const p = scheme.parse(version);
  if (!p.ok) return indeterminate(`'${version}' is not a valid ${id} version (${p.reason}); cannot evaluate ${match.criteria} ${tag}`, id);
  if (b.lo || b.hi) {
    if (cpeVersion !== '*' && cpeVersion !== '-') {
      // NVD does not combine a specific CPE version with range fields; treat the CPE version as an extra point.
      const o = scheme.compare(version, cpeVersion);
      if (o === 0) return affected(`${version} = ${cpeVersion} named in ${match.criteria} ${tag}`, id, `=${cpeVersion}`);
    }
    const checks: string[] = [];
    for (const side of ['lo', 'hi'] as const) {
      const bound = b[side];
      if (!bound) continue;
      const pb = scheme.parse(bound.version);
      if (!pb.ok) return indeterminate(`${bound.field} '${bound.version}' is not a valid ${id} version (${pb.reason}) ${tag}`, id);
      const o = scheme.compareParsed(p.value, pb.value);
      const ok = side === 'lo' ? o > 0 || (o === 0 && bound.inclusive) : o < 0 || (o === 0 && bound.inclusive);
      const sym = side === 'lo' ? (bound.inclusive ? '≥' : '>') : bound.inclusive ? '≤' : '<';
      if (!ok) {
        return notAffected(`${version} is not ${sym} ${bound.version} (${bound.field}) ${tag}`, id);
      }
      checks.push(`${sym} ${bound.version} (${bound.field})`);
    }
    const matched = [b.lo ? `${b.lo.inclusive ? '>=' : '>'}${b.lo.version}` : '', b.hi ? `${b.hi.inclusive ? '<=' : '<'}${b.hi.version}` : ''].filter(Boolean).join('|');
    return affected(`${version} ${checks.join(' and ')} ${tag}`, id, matched);
  }
  if (cpeVersion === '*') return affected(`${match.criteria} names every version (version '*', no range) ${tag}`, id, '*');
  if (cpeVersion === '-') return indeterminate(`${match.criteria} has version '-' (not applicable): it cannot be compared with version ${version} ${tag}`, id);
  const pc = scheme.parse(cpeVersion);
  if (!pc.ok) return indeterminate(`the CPE version '${cpeVersion}' is not a valid ${id} version (${pc.reason}) ${tag}`, id);
  if (scheme.compareParsed(p.value, pc.value) === 0) {
    if (update !== '*' && update !== '-' && update !== '') {
      return indeterminate(`${version} equals ${cpeVersion} but ${match.criteria} names update '${update}', which a version string alone cannot confirm ${tag}`, id);
    }
    return affected(`${version} = ${cpeVersion} named in ${match.criteria} ${tag}`, id, `=${cpeVersion}`);
  }
  return notAffected(`${version} ≠ ${cpeVersion} named in ${match.criteria} ${tag}`, id);
}

/** The vers for an NVD CPE match's version range, under a vers type and scheme. */
export function cpeMatchToVers(match: NvdCpeMatch, versType: string, options: NvdEvaluateOptions = {}): VersResult<string> {
  const parts = splitCpe23(match.criteria ?? '');
  if (!parts) return { ok: false, reason: `'${match.criteria}' is not a CPE 2.3 formatted string` };
  const { scheme, reason } = resolveScheme(options);
  if (!scheme) return { ok: false, reason: reason! };
  const b = boundsOf(match);
  const set = new VersionSet(scheme);
  const cpeVersion = parts[5]!;
  if (b.lo || b.hi) {
    const r = set.addInterval(b.lo, b.hi);
    if (!r.ok) return r;
  } else if (cpeVersion === '*') set.addEverything();
  else if (cpeVersion === '-') return { ok: false, reason: `version '-' (not applicable) has no vers form` };
  else {
    const r = set.addPoint(cpeVersion);
    if (!r.ok) return r;
  }
  const cs = set.toConstraints();
  if (!cs) return { ok: false, reason: 'the criteria names no version' };
  return { ok: true, value: formatVers({ type: versType, constraints: cs }) };
}
