import { describe, expect, it } from 'vitest';
import { cpeMatchToVers, evaluateCpeMatch, splitCpe23 } from './nvd.ts';

const log4j = {
  criteria: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*',
  vulnerable: true,
  versionStartIncluding: '2.0.1',
  versionEndExcluding: '2.12.2',
};

describe('evaluateCpeMatch', () => {
  it('evaluates start/end bounds with the given scheme', () => {
    const r = evaluateCpeMatch(log4j, '2.12.1', { scheme: 'maven' });
    expect(r.status).toBe('affected');
    expect(r.reason).toBe('2.12.1 ≥ 2.0.1 (versionStartIncluding) and < 2.12.2 (versionEndExcluding) (maven, NVD CPE match)');
    expect(evaluateCpeMatch(log4j, '2.12.2', { scheme: 'maven' }).status).toBe('not-affected');
    expect(evaluateCpeMatch(log4j, '2.0', { scheme: 'maven' }).status).toBe('not-affected');
  });
  it('falls back to generic and says so', () => {
    const r = evaluateCpeMatch(log4j, '2.5.0');
    expect(r.status).toBe('affected');
    expect(r.scheme).toBe('generic');
    expect(r.reason).toContain('compared with the generic scheme');
  });
  it('handles exclusive start and inclusive end', () => {
    const m = { criteria: 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*', versionStartExcluding: '1.0.0', versionEndIncluding: '1.4.0' };
    expect(evaluateCpeMatch(m, '1.0.0', { scheme: 'semver' }).status).toBe('not-affected');
    expect(evaluateCpeMatch(m, '1.4.0', { scheme: 'semver' }).status).toBe('affected');
  });
  it('uses the CPE version when there are no bounds', () => {
    const exact = { criteria: 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*' };
    expect(evaluateCpeMatch(exact, '1.0.1f', { scheme: 'openssl' }).status).toBe('affected');
    expect(evaluateCpeMatch(exact, '1.0.1g', { scheme: 'openssl' }).status).toBe('not-affected');
    expect(evaluateCpeMatch({ criteria: 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*' }, '9', { scheme: 'generic' }).status).toBe('affected');
    expect(evaluateCpeMatch({ criteria: 'cpe:2.3:a:x:y:-:*:*:*:*:*:*:*' }, '9', { scheme: 'generic' }).status).toBe('indeterminate');
  });
  it('is indeterminate for bad input', () => {
    expect(evaluateCpeMatch({ criteria: 'cpe:/a:x:y' }, '1').status).toBe('indeterminate');
    expect(evaluateCpeMatch(log4j, 'not.a.version!', { scheme: 'semver' }).status).toBe('indeterminate');
    expect(evaluateCpeMatch(log4j, '2.1.0', { scheme: 'nosuchscheme' }).status).toBe('indeterminate');
  });
});

describe('cpe helpers', () => {
  it('splits escaped CPE strings', () => {
    expect(splitCpe23('cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*')?.[4]).toBe('prod:uct');
  });
  it('writes the range as vers', () => {
    expect(cpeMatchToVers(log4j, 'maven', { scheme: 'maven' })).toEqual({ ok: true, value: 'vers:maven/>=2.0.1|<2.12.2' });
  });
});
