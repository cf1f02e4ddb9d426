/**
 * Version ranges: vers (parse, normalise, validate, canonicalise, contains), native range
 * readers (npm, PyPI, RubyGems, NuGet, Maven, Composer, Go, Conan, nginx, OpenSSL), OSV
 * `affected[]` and NVD CPE match criteria. Every answer is a RangeResult; whatever cannot be
 * parsed under its scheme is `indeterminate`, never "not affected".
 */
export type { RangeResult, RangeStatus } from './result.ts';
export {
  canonicalVersString,
  canonicalizeVers,
  compileVers,
  containsVersion,
  formatVers,
  normalizeVers,
  parseVers,
  validateVers,
  type CompiledVers,
  type Vers,
  type VersComparator,
  type VersConstraint,
  type VersResult,
} from './vers.ts';
export { NATIVE_SCHEMES, nativeToVers, parseNative } from './native/index.ts';
export { npmRangeContains } from './native/npm.range.ts';
export {
  evaluateOsvAffected,
  evaluateOsvRecord,
  osvAffectedToVers,
  schemeForOsvEcosystem,
  selectOsvAffected,
  type OsvAffected,
  type OsvEvent,
  type OsvRange,
  type OsvRecord,
} from './osv.ts';
export { cpeMatchToVers, evaluateCpeMatch, type NvdCpeMatch } from './nvd.ts';
