import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containsVersion } from './vers.ts';
import { evaluateOsvAffected, evaluateOsvRecord, osvAffectedToVers, schemeForOsvEcosystem, type OsvAffected } from './osv.ts';

const npmEntry: OsvAffected = {
  package: { ecosystem: 'npm', name: 'lodash' },
  ranges: [
    {
      type: 'SEMVER',
      events: [{ introduced: '0' }, { fixed: '1.2.5' }, { introduced: '2.0.0' }, { fixed: '2.3.1' }, { introduced: '3.0.0' }, { last_affected: '3.1.0' }],
    },
  ],
};

describe('evaluateOsvAffected', () => {
  it('reads several introduced/fixed pairs and "0"', () => {
    expect(evaluateOsvAffected(npmEntry, '1.0.0').status).toBe('affected');
    expect(evaluateOsvAffected(npmEntry, '1.2.5').status).toBe('not-affected');
    expect(evaluateOsvAffected(npmEntry, '2.0.0').status).toBe('affected');
    expect(evaluateOsvAffected(npmEntry, '2.3.1').status).toBe('not-affected');
    expect(evaluateOsvAffected(npmEntry, '3.1.0').status).toBe('affected');
    expect(evaluateOsvAffected(npmEntry, '3.1.1').status).toBe('not-affected');
  });

  it('explains the interval that matched', () => {
    const r = evaluateOsvAffected(npmEntry, '2.1.0');
    expect(r.reason).toBe('2.1.0 ≥ introduced 2.0.0 and < fixed 2.3.1 (semver, SEMVER range of npm/lodash)');
    expect(r.matched).toBe('>=2.0.0|<2.3.1');
    expect(evaluateOsvAffected(npmEntry, '3.0.5').reason).toContain('≤ last affected 3.1.0');
  });

  it('sorts events before reading them', () => {
    const e: OsvAffected = { package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ fixed: '2.0' }, { introduced: '1.0' }] }] };
    expect(evaluateOsvAffected(e, '1.5').status).toBe('affected');
    expect(evaluateOsvAffected(e, '2.0').status).toBe('not-affected');
  });

  it('uses the ecosystem scheme for ECOSYSTEM ranges (Debian:12 → deb)', () => {
    expect(schemeForOsvEcosystem('Debian:12')).toBe('deb');
    const e: OsvAffected = { package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u1' }] }] };
    const r = evaluateOsvAffected(e, '3.0.9-1');
    expect(r.status).toBe('affected');
    expect(r.scheme).toBe('deb');
    expect(evaluateOsvAffected(e, '1:3.0.9-1').status).toBe('not-affected'); // epoch 1 sorts after
  });

  it('applies limit', () => {
    const e: OsvAffected = { package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '1.5.0' }] }] };
    expect(evaluateOsvAffected(e, '1.4.0').status).toBe('affected');
    expect(evaluateOsvAffected(e, '1.6.0').status).toBe('not-affected');
  });

  it('is indeterminate for an unknown ecosystem, an unparseable version, or bad events', () => {
    const unknown: OsvAffected = { package: { ecosystem: 'NoSuchEco', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] };
    expect(evaluateOsvAffected(unknown, '1.0').status).toBe('indeterminate');
    expect(evaluateOsvAffected(unknown, '1.0').reason).toContain("unknown OSV ecosystem 'NoSuchEco'");
    expect(evaluateOsvAffected(npmEntry, 'not-a-version').status).toBe('indeterminate');
    const bad: OsvAffected = { package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: 'x.y' }] }] };
    expect(evaluateOsvAffected(bad, '1.0.0').status).toBe('indeterminate');
  });

  it('GIT ranges are indeterminate unless the versions list decides', () => {
    const git: OsvAffected = { package: { ecosystem: 'OSS-Fuzz', name: 'x' }, ranges: [{ type: 'GIT', repo: 'https://example.org/x.git', events: [{ introduced: 'abc' }, { fixed: 'def' }] }] };
    const r = evaluateOsvAffected(git, '1.0');
    expect(r.status).toBe('indeterminate');
    expect(r.reason).toContain('names commits');
    const listed: OsvAffected = { ...git, package: { ecosystem: 'PyPI', name: 'x' }, versions: ['1.0', '1.1'] };
    expect(evaluateOsvAffected(listed, '1.1').status).toBe('affected');
    expect(evaluateOsvAffected(listed, '1.2').status).toBe('not-affected');
  });

  it('matches the versions list by scheme equality too', () => {
    const e: OsvAffected = { package: { ecosystem: 'PyPI', name: 'x' }, versions: ['1.0'] };
    expect(evaluateOsvAffected(e, '1.0.0').status).toBe('affected');
  });

  it('selects the affected entry of a record', () => {
    const record = { id: 'OSV-1', affected: [npmEntry, { package: { ecosystem: 'PyPI', name: 'other' }, versions: ['1.0'] }] };
    expect(evaluateOsvRecord(record, '1.0.0').status).toBe('indeterminate');
    expect(evaluateOsvRecord(record, '1.0.0', { name: 'lodash' }).status).toBe('affected');
    expect(evaluateOsvRecord(record, '1.0', { ecosystem: 'PyPI' }).status).toBe('affected');
  });
});

describe('osvAffectedToVers', () => {
  it('writes SEMVER events as vers', () => {
    expect(osvAffectedToVers(npmEntry)).toEqual({ ok: true, value: ['vers:semver/<1.2.5|>=2.0.0|<2.3.1|>=3.0.0|<=3.1.0'] });
  });
  it('merges ECOSYSTEM ranges and the versions list under the ecosystem vers type', () => {
    const e: OsvAffected = { package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2' }] }], versions: ['1.0', '1.1', '0.9'] };
    expect(osvAffectedToVers(e)).toEqual({ ok: true, value: ['vers:pypi/0.9|>=1.0|<1.2'] });
  });
  it('refuses GIT ranges', () => {
    expect(osvAffectedToVers({ ranges: [{ type: 'GIT', events: [{ introduced: 'a' }] }] }).ok).toBe(false);
  });
});

describe('OSV evaluation agrees with its vers form (property)', () => {
  const v = fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)).map(([a, b, c]) => `${a}.${b}.${c}`);
  const event = fc.oneof(
    v.map((x) => ({ introduced: x })),
    v.map((x) => ({ fixed: x })),
    v.map((x) => ({ last_affected: x })),
    fc.constant({ introduced: '0' }),
  );
  it('evaluateOsvAffected(entry, x) is affected ⇔ x is in osvAffectedToVers(entry)', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 6 }), fc.array(v, { minLength: 1, maxLength: 10 }), (events, probes) => {
        const entry: OsvAffected = { package: { ecosystem: 'npm', name: 'p' }, ranges: [{ type: 'SEMVER', events }] };
        const vers = osvAffectedToVers(entry);
        for (const x of probes) {
          const direct = evaluateOsvAffected(entry, x).status;
          expect(direct).not.toBe('indeterminate');
          const viaVers = vers.ok ? containsVersion(vers.value[0]!, x).status : 'not-affected';
          expect(viaVers).toBe(direct);
        }
      }),
      { numRuns: 500 },
    );
  });
});
