/**
 * Severities of OSV records: CVSS vectors scored with ae-cvss-calculator (base score), and the
 * qualitative rating of that score; vendor ratings (OSV `Ubuntu`, GitHub's `database_specific.severity`)
 * kept in their own words.
 */
import * as cvssNamespace from 'ae-cvss-calculator';
import type { Severity } from '../../domain/advisories/advisory.ts';

// The package is CommonJS built by webpack; depending on the loader's interop the default import is
// either its exports object or a wrapper holding it under `default`.
type CvssLib = typeof cvssNamespace;
const cvss: CvssLib = (cvssNamespace as unknown as { default?: CvssLib }).default?.Cvss3P1 ? (cvssNamespace as unknown as { default: CvssLib }).default : cvssNamespace;

/**
 * Scoring one vector with the calculator costs ~0.1 ms (it builds a full metric model); real feeds
 * repeat a few thousand distinct vectors across hundreds of thousands of records, so scores are
 * cached by vector (bounded: the cache is emptied when it reaches `CACHE_LIMIT` entries).
 */
const CACHE_LIMIT = 50_000;
const scoreCache = new Map<string, number | null>();

/** Base score of a CVSS vector, or null when the vector cannot be scored. */
export function cvssBaseScore(type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4', vector: string): number | null {
  const key = `${type}|${vector}`;
  const cached = scoreCache.get(key);
  if (cached !== undefined) return cached;
  if (scoreCache.size >= CACHE_LIMIT) scoreCache.clear();
  const score = computeBaseScore(type, vector);
  scoreCache.set(key, score);
  return score;
}

function computeBaseScore(type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4', vector: string): number | null {
  try {
    let base: number | undefined;
    if (type === 'CVSS_V2') base = new cvss.Cvss2(vector.replace(/^\(|\)$/gu, '')).calculateScores().base;
    else if (type === 'CVSS_V3') base = (vector.startsWith('CVSS:3.0/') ? new cvss.Cvss3P0(vector) : new cvss.Cvss3P1(vector)).calculateScores().base;
    else base = new cvss.Cvss4P0(vector).calculateScores().base;
    return typeof base === 'number' && Number.isFinite(base) ? base : null;
  } catch {
    return null;
  }
}

/**
 * Qualitative rating of a base score. CVSS v3.x and v4.0 use the FIRST scale (NONE 0.0, LOW
 * 0.1–3.9, MEDIUM 4.0–6.9, HIGH 7.0–8.9, CRITICAL 9.0–10.0); CVSS v2 has no official scale and
 * gets NVD's (LOW 0.0–3.9, MEDIUM 4.0–6.9, HIGH 7.0–10.0).
 */
export function cvssRating(type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4', score: number): string {
  if (type === 'CVSS_V2') return score >= 7 ? 'HIGH' : score >= 4 ? 'MEDIUM' : 'LOW';
  if (score === 0) return 'NONE';
  return score >= 9 ? 'CRITICAL' : score >= 7 ? 'HIGH' : score >= 4 ? 'MEDIUM' : 'LOW';
}

/** One OSV `severity[]` entry → Severity (null when the type is not one Vigil knows). */
export function osvSeverity(type: string, value: string, source: string | null): Severity | null {
  if (type === 'CVSS_V2' || type === 'CVSS_V3' || type === 'CVSS_V4') {
    const score = cvssBaseScore(type, value);
    return { type, vector: value, score, rating: score === null ? null : cvssRating(type, score), source };
  }
  if (type === 'Ubuntu') return { type: 'vendor', vector: null, score: null, rating: value, source: source ?? 'Ubuntu' };
  return null;
}
