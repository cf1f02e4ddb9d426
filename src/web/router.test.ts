import { describe, it, expect } from 'vitest';
import { casePath, matchRoute, productPath, releasePath, vulnerabilityPath } from './router.ts';

describe('matchRoute', () => {
  it('matches the three routes', () => {
    expect(matchRoute('/')).toEqual({ name: 'portfolio' });
    expect(matchRoute('/products/infusion-pump')).toEqual({ name: 'product', slug: 'infusion-pump', releaseId: null });
    expect(matchRoute('/products/infusion-pump/')).toEqual({ name: 'product', slug: 'infusion-pump', releaseId: null });
    expect(matchRoute('/products/infusion-pump/releases/r-1')).toEqual({ name: 'product', slug: 'infusion-pump', releaseId: 'r-1' });
  });
  it('reports anything else as not found', () => {
    expect(matchRoute('/products')).toEqual({ name: 'not-found', path: '/products' });
    expect(matchRoute('/products/a/b')).toEqual({ name: 'not-found', path: '/products/a/b' });
    expect(matchRoute('/products/%E0%A4%A')).toEqual({ name: 'not-found', path: '/products/%E0%A4%A' });
  });
  it('round-trips paths built for slugs and ids with reserved characters', () => {
    const path = releasePath('a b/c', 'id?x');
    expect(path).toBe('/products/a%20b%2Fc/releases/id%3Fx');
    expect(matchRoute(path)).toEqual({ name: 'product', slug: 'a b/c', releaseId: 'id?x' });
    expect(matchRoute(productPath('pump'))).toEqual({ name: 'product', slug: 'pump', releaseId: null });
  });
});

describe('intelligence routes', () => {
  it('matches the vulnerability list, one vulnerability by any identifier, and the feeds', () => {
    expect(matchRoute('/vulnerabilities')).toEqual({ name: 'vulnerabilities' });
    expect(matchRoute('/vulnerabilities/CVE-2021-23337')).toEqual({ name: 'vulnerability', id: 'CVE-2021-23337' });
    expect(matchRoute(vulnerabilityPath('PYSEC-2021/1'))).toEqual({ name: 'vulnerability', id: 'PYSEC-2021/1' });
    expect(matchRoute('/feeds')).toEqual({ name: 'feeds' });
    expect(matchRoute('/feeds/osv')).toEqual({ name: 'not-found', path: '/feeds/osv' });
    expect(matchRoute('/vulnerabilities/%20')).toEqual({ name: 'not-found', path: '/vulnerabilities/%20' });
  });
});

describe('findings route', () => {
  it('matches the portfolio findings page and nothing below it', () => {
    expect(matchRoute('/findings')).toEqual({ name: 'findings' });
    expect(matchRoute('/findings/')).toEqual({ name: 'findings' });
    expect(matchRoute('/findings/x')).toEqual({ name: 'not-found', path: '/findings/x' });
  });
});

describe('case routes', () => {
  it('matches the cases list, one case by number or id, and the deadline board', () => {
    expect(matchRoute('/cases')).toEqual({ name: 'cases' });
    expect(matchRoute('/cases/12')).toEqual({ name: 'case', id: '12' });
    expect(matchRoute(casePath(7))).toEqual({ name: 'case', id: '7' });
    expect(matchRoute(casePath('a/b'))).toEqual({ name: 'case', id: 'a/b' });
    expect(matchRoute('/deadlines')).toEqual({ name: 'deadlines' });
    expect(matchRoute('/cases/1/x')).toEqual({ name: 'not-found', path: '/cases/1/x' });
    expect(matchRoute('/deadlines/x')).toEqual({ name: 'not-found', path: '/deadlines/x' });
  });
});

describe('task and settings routes', () => {
  it('matches my tasks, the clock settings and the notifications pages, and nothing below them', () => {
    expect(matchRoute('/tasks')).toEqual({ name: 'tasks' });
    expect(matchRoute('/tasks/1')).toEqual({ name: 'not-found', path: '/tasks/1' });
    expect(matchRoute('/settings/clocks')).toEqual({ name: 'settings-clocks' });
    expect(matchRoute('/settings/users')).toEqual({ name: 'settings-users' });
    expect(matchRoute('/settings')).toEqual({ name: 'not-found', path: '/settings' });
    expect(matchRoute('/settings/clocks/x')).toEqual({ name: 'not-found', path: '/settings/clocks/x' });
    expect(matchRoute('/notifications')).toEqual({ name: 'notifications' });
    expect(matchRoute('/notifications/1')).toEqual({ name: 'not-found', path: '/notifications/1' });
  });
});
