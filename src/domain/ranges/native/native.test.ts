import { describe, expect, it } from 'vitest';
import { containsVersion } from '../vers.ts';
import { nativeToVers } from './index.ts';
import { npmRangeContains } from './npm.range.ts';

describe('nativeToVers canonical form', () => {
  it.each([
    ['npm', '^1.2.3 || ^1.4.0', 'vers:npm/>=1.2.3|<2.0.0'],
    ['npm', '2.0.x || 2.1.x', 'vers:npm/>=2.0.0|<2.2.0'],
    ['npm', '*', 'vers:npm/*'],
    ['pypi', '>=1.0, !=1.3, <2.0', 'vers:pypi/>=1.0|!=1.3|<2.0'],
    ['pypi', '~=2.2', 'vers:pypi/>=2.2|<3.dev0'],
    ['pypi', '==1.4.*', 'vers:pypi/>=1.4.dev0|<1.5.dev0'],
    ['pypi', '!=1.4.*', 'vers:pypi/<1.4.dev0|>=1.5.dev0'],
    ['gem', '~> 2.2.0, != 2.2.1', 'vers:gem/>=2.2.0|!=2.2.1|<2.3'],
    ['nuget', '1.0', 'vers:nuget/>=1.0'],
    ['nuget', '[1.0]', 'vers:nuget/1.0'],
    ['maven', '(,1.0],[1.2,)', 'vers:maven/<=1.0|>=1.2'],
    ['maven', '[1.0,2.0)', 'vers:maven/>=1.0|<2.0'],
    ['composer', '^1.2 || ~2.3.1', 'vers:composer/>=1.2|<2|>=2.3.1|<2.4'],
    ['composer', '>=1.0 <1.1 || 1.2.*', 'vers:composer/>=1.0|<1.1|>=1.2|<1.3'],
    ['composer', '1.0 - 2.0', 'vers:composer/>=1.0|<2.1'],
    ['golang', '>=v1.2.0, <v1.2.5', 'vers:golang/>=v1.2.0|<v1.2.5'],
    ['conan', '~2.5', 'vers:conan/>=2.5|<2.6-'],
    ['cargo', '1.2.3', 'vers:cargo/>=1.2.3|<2.0.0'],
    ['cargo', '^0.0.3', 'vers:cargo/>=0.0.3|<0.0.4'],
    ['cargo', '~1.2', 'vers:cargo/>=1.2.0|<1.3.0'],
    ['cargo', '=1.2', 'vers:cargo/>=1.2.0|<1.3.0'],
    ['cargo', '>= 1.2, < 1.5', 'vers:cargo/>=1.2.0|<1.5.0'],
    ['cargo', '1.2.*', 'vers:cargo/>=1.2.0|<1.3.0'],
    ['cargo', '<=1.2', 'vers:cargo/<1.3.0'],
    ['hex', '~> 2.0.8', 'vers:hex/>=2.0.8|<2.1.0'],
    ['hex', '~> 2.1', 'vers:hex/>=2.1.0|<3.0.0'],
    ['hex', '>= 1.0.0 and < 1.2.0 or == 2.0.0', 'vers:hex/>=1.0.0|<1.2.0|2.0.0'],
  ])('%s %s → %s', (scheme, native, expected) => {
    expect(nativeToVers(scheme, native)).toEqual({ ok: true, value: expected });
  });

  it('keeps the literal translation when asked', () => {
    expect(nativeToVers('npm', '<2.0.1 || <1.1.7', { form: 'literal' })).toEqual({ ok: true, value: 'vers:npm/<1.1.7|<2.0.1' });
    expect(nativeToVers('npm', '<2.0.1 || <1.1.7')).toEqual({ ok: true, value: 'vers:npm/<2.0.1' });
  });

  it.each([
    ['npm', '>=1.0.0 <<2'],
    ['pypi', '>=1.0,'],
    ['pypi', '~=1'],
    ['maven', '[1.0,2.0'],
    ['nuget', '[1.0,2.0),[3.0,)'],
    ['nosuch', '1.0'],
  ])('%s %s is an error', (scheme, native) => {
    expect(nativeToVers(scheme, native).ok).toBe(false);
  });

  it('canonical forms are containable with the expected meaning', () => {
    const r = nativeToVers('pypi', '==1.4.*');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(containsVersion(r.value, '1.4.2').status).toBe('affected');
    expect(containsVersion(r.value, '1.4.dev3').status).toBe('affected');
    expect(containsVersion(r.value, '1.5a1').status).toBe('not-affected');
  });
});

describe('npmRangeContains (npm semantics, prerelease rule)', () => {
  it('excludes a prerelease the range does not name, includes one it does', () => {
    expect(npmRangeContains('^1.2.3', '1.5.0-beta').status).toBe('not-affected');
    expect(npmRangeContains('^1.2.3', '1.5.0-beta').reason).toContain('prerelease');
    expect(npmRangeContains('^1.2.3-beta.1', '1.2.3-beta.2').status).toBe('affected');
    expect(npmRangeContains('^1.2.3', '1.5.0-beta', { includePrerelease: true }).status).toBe('affected');
  });
  it('is indeterminate for an invalid range or version', () => {
    expect(npmRangeContains('>=1.0.0 <<2', '1.0.0').status).toBe('indeterminate');
    expect(npmRangeContains('^1.0.0', 'one').status).toBe('indeterminate');
  });
});
