import { describe, it, expect } from 'vitest';
import {
  formatCpeRange,
  formatDuration,
  formatEpss,
  formatPercentile,
  formatRange,
  formatRate,
  formatRelative,
  formatWatermark,
  parseVulnFilters,
  severityOf,
  sourceLabel,
  sparklinePath,
  vulnFiltersToSearch,
} from './intel.ts';

describe('severityOf', () => {
  it('follows the CVSS qualitative rating bands, including their edges', () => {
    expect(severityOf(0)).toBe('none');
    expect(severityOf(0.1)).toBe('low');
    expect(severityOf(3.9)).toBe('low');
    expect(severityOf(4)).toBe('medium');
    expect(severityOf(6.9)).toBe('medium');
    expect(severityOf(7)).toBe('high');
    expect(severityOf(8.9)).toBe('high');
    expect(severityOf(9)).toBe('critical');
    expect(severityOf(10)).toBe('critical');
  });
  it('has no rating for missing or impossible scores', () => {
    expect(severityOf(null)).toBeNull();
    expect(severityOf(undefined)).toBeNull();
    expect(severityOf(Number.NaN)).toBeNull();
    expect(severityOf(10.5)).toBeNull();
    expect(severityOf(-1)).toBeNull();
  });
});

describe('formatRange', () => {
  it('renders introduced/fixed as a readable interval', () => {
    expect(formatRange({ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] })).toBe('≥ 0, fixed 4.17.21');
  });
  it('starts a new interval at each introduced event', () => {
    const range = { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2.3' }, { introduced: '2.0' }, { last_affected: '2.4' }] };
    expect(formatRange(range)).toBe('≥ 1.0, fixed 1.2.3; ≥ 2.0, ≤ 2.4');
  });
  it('renders limit and an open-ended interval', () => {
    expect(formatRange({ type: 'ECOSYSTEM', events: [{ introduced: '3.0' }, { limit: '3.5' }] })).toBe('≥ 3.0, < 3.5');
    expect(formatRange({ type: 'ECOSYSTEM', events: [{ introduced: '5.1' }] })).toBe('≥ 5.1');
  });
  it('keeps an event that comes before any introduced', () => {
    expect(formatRange({ type: 'ECOSYSTEM', events: [{ fixed: '2.0' }] })).toBe('fixed 2.0');
  });
  it('shortens git commit hashes only in GIT ranges', () => {
    const hash = '0123456789abcdef0123456789abcdef01234567';
    expect(formatRange({ type: 'GIT', events: [{ introduced: '0' }, { fixed: hash }] })).toBe('≥ 0, fixed 0123456789ab');
    expect(formatRange({ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: hash }] })).toBe(`≥ 0, fixed ${hash}`);
  });
});

describe('formatCpeRange', () => {
  it('lists the bounds that are present', () => {
    expect(formatCpeRange({ versionStartIncluding: '2.0', versionEndExcluding: '2.4.1' })).toBe('≥ 2.0, < 2.4.1');
    expect(formatCpeRange({ versionStartExcluding: '1', versionEndIncluding: '3' })).toBe('> 1, ≤ 3');
    expect(formatCpeRange({})).toBe('');
  });
});

describe('sparklinePath', () => {
  it('draws the highest value at the top and the lowest at the bottom, left to right', () => {
    expect(sparklinePath([0.1, 0.3, 0.2], 100, 20, 0)).toBe('M 0 20 L 50 0 L 100 10');
  });
  it('keeps the padding from the edges', () => {
    expect(sparklinePath([1, 2], 104, 24, 2)).toBe('M 2 22 L 102 2');
  });
  it('draws a flat line in the middle for a single value or equal values', () => {
    expect(sparklinePath([0.5], 80, 20, 2)).toBe('M 2 10 L 78 10');
    expect(sparklinePath([0.5, 0.5, 0.5], 80, 20, 0)).toBe('M 0 10 L 40 10 L 80 10');
  });
  it('draws nothing without values and ignores non-numbers', () => {
    expect(sparklinePath([], 80, 20)).toBe('');
    expect(sparklinePath([Number.NaN, 1, 3], 10, 10, 0)).toBe('M 0 10 L 10 0');
  });
});

describe('EPSS formatting', () => {
  it('shows the probability as a percentage with precision that suits its size', () => {
    expect(formatEpss(0.97234)).toBe('97.2%');
    expect(formatEpss(0.013456)).toBe('1.35%');
    expect(formatEpss(0.00043)).toBe('0.043%');
  });
  it('shows the percentile as an ordinal, never rounding up to a rank not reached', () => {
    expect(formatPercentile(0.9934)).toBe('99th');
    expect(formatPercentile(0.999)).toBe('99th');
    expect(formatPercentile(1)).toBe('100th');
    expect(formatPercentile(0.21)).toBe('21st');
    expect(formatPercentile(0.12)).toBe('12th');
    expect(formatPercentile(0.023)).toBe('2nd');
    expect(formatPercentile(0.43)).toBe('43rd');
  });
});

describe('time formatting', () => {
  it('formats durations in the largest two units', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(12 * 60 + 5)).toBe('12 min');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(formatDuration(7200)).toBe('2 h');
    expect(formatDuration(2 * 86400 + 4 * 3600)).toBe('2 d 4 h');
    expect(formatDuration(-1)).toBe('—');
  });
  it('says how long ago a timestamp is, in one unit', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    expect(formatRelative('2025-03-10T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2025-03-10T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2025-03-10T08:30:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2025-03-07T10:00:00Z', now)).toBe('3 d ago');
    expect(formatRelative('2025-03-10T14:00:00Z', now)).toBe('in 2 h');
    expect(formatRelative(null, now)).toBe('never');
  });
  it('formats feed throughput', () => {
    expect(formatRate(1234.4)).toBe('1,234 records/s');
    expect(formatRate(2.25)).toBe('2.3 records/s');
  });
});

describe('formatWatermark', () => {
  it('shows strings as they are and objects as compact JSON, cut to the limit', () => {
    expect(formatWatermark('2025-03-10T08:00:00Z')).toBe('2025-03-10T08:00:00Z');
    expect(formatWatermark({ npm: '2025-03-01', PyPI: '2025-03-02' })).toBe('{"npm":"2025-03-01","PyPI":"2025-03-02"}');
    expect(formatWatermark({ lastModified: '2025-03-10T08:00:00.000Z', startIndex: 2000 }, 20)).toBe('{"lastModified":"20…');
    expect(formatWatermark({ lastModified: '2025-03-10T08:00:00.000Z', startIndex: 2000 }, 20)).toHaveLength(20);
  });
  it('shows nothing for an empty position', () => {
    expect(formatWatermark(null)).toBeNull();
    expect(formatWatermark({})).toBeNull();
    expect(formatWatermark('')).toBeNull();
  });
});

describe('sourceLabel', () => {
  it('names known sources and passes others through', () => {
    expect(sourceLabel('ghsa')).toBe('GitHub');
    expect(sourceLabel('kev')).toBe('CISA KEV');
    expect(sourceLabel('acme')).toBe('acme');
  });
});

describe('vulnerability list filters in the URL', () => {
  it('round-trips every filter', () => {
    const filters = { q: 'CVE-2021-23337', source: 'osv', kev: true, withdrawn: true, offset: 100, limit: 25 };
    const search = vulnFiltersToSearch(filters);
    expect(search).toBe('?q=CVE-2021-23337&source=osv&kev=true&withdrawn=true&offset=100&limit=25');
    expect(parseVulnFilters(search)).toEqual(filters);
  });
  it('leaves defaults out of the URL', () => {
    expect(vulnFiltersToSearch({ q: '  ', source: '', kev: false, withdrawn: false, offset: 0, limit: 50 })).toBe('');
  });
  it('falls back to defaults for unreadable values', () => {
    expect(parseVulnFilters('?offset=-3&limit=7&kev=yes')).toEqual({ q: '', source: '', kev: false, withdrawn: false, offset: 0, limit: 50 });
    expect(parseVulnFilters('')).toEqual({ q: '', source: '', kev: false, withdrawn: false, offset: 0, limit: 50 });
  });
  it('keeps words with spaces and reserved characters', () => {
    const search = vulnFiltersToSearch({ q: 'prototype pollution & more', source: '', kev: false, withdrawn: false, offset: 0, limit: 50 });
    expect(parseVulnFilters(search).q).toBe('prototype pollution & more');
  });
});
