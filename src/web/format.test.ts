import { describe, it, expect } from 'vitest';
import {
  allErrorsOnFields,
  displayPath,
  fieldErrors,
  fieldOf,
  formatBytes,
  formatDate,
  isPastDate,
  pageRange,
  parseMarkets,
  percent,
  uniqueErrors,
  supportConcern,
} from './format.ts';
import type { Problem } from './api.ts';

describe('pageRange', () => {
  it('shows the 1-based range of the rows on screen and the total', () => {
    expect(pageRange(0, 50, 1234)).toBe('1–50 of 1,234');
    expect(pageRange(1200, 34, 1234)).toBe('1,201–1,234 of 1,234');
  });
  it('says "0 of N" when the page is empty', () => {
    expect(pageRange(0, 0, 0)).toBe('0 of 0');
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal below 100', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(300 * 1024)).toBe('300 KB');
  });
});

describe('formatDate', () => {
  it('formats calendar dates without shifting them across time zones', () => {
    expect(formatDate('2025-03-01')).toBe('1 Mar 2025');
    expect(formatDate(null)).toBe('—');
  });
});

describe('support highlighting', () => {
  const today = '2026-01-15';
  it('flags an end of support in the past, not today or later', () => {
    expect(isPastDate('2026-01-14', today)).toBe(true);
    expect(isPastDate('2026-01-15', today)).toBe(false);
    expect(isPastDate('2026-01-14T23:00:00Z', today)).toBe(true);
    expect(isPastDate('not a date', today)).toBe(false);
  });
  it('flags components that are no longer maintained or past their end of support', () => {
    expect(supportConcern({ levelOfSupport: 'no longer maintained', endOfSupport: null }, today)).toBe('No longer maintained');
    expect(supportConcern({ levelOfSupport: 'NO_LONGER_MAINTAINED', endOfSupport: null }, today)).toBe('No longer maintained');
    expect(supportConcern({ levelOfSupport: 'actively maintained', endOfSupport: '2020-01-01' }, today)).toBe('Support has ended');
    expect(supportConcern({ levelOfSupport: 'actively maintained', endOfSupport: '2030-01-01' }, today)).toBeNull();
    expect(supportConcern({ levelOfSupport: null, endOfSupport: null }, today)).toBeNull();
  });
});

describe('percent', () => {
  it('clamps to 0–100 and is null when the total is unknown', () => {
    expect(percent(1, 4)).toBe(25);
    expect(percent(9, 4)).toBe(100);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('parseMarkets', () => {
  it('splits, upper-cases and deduplicates market codes', () => {
    expect(parseMarkets(' us, eu;US  jp ')).toEqual(['US', 'EU', 'JP']);
    expect(parseMarkets('')).toEqual([]);
  });
});

describe('problem paths', () => {
  it('finds the form field of JSON pointer, dotted and prefixed paths', () => {
    expect(fieldOf('/name')).toBe('name');
    expect(fieldOf('$.markets[0]')).toBe('markets');
    expect(fieldOf('body/version')).toBe('version');
    expect(fieldOf('body:$.name')).toBe('name');
    expect(fieldOf('body:$.cyberDeviceCriteria.includesSoftware')).toBe('cyberDeviceCriteria');
    expect(fieldOf('/cyberDeviceCriteria/includesSoftware')).toBe('cyberDeviceCriteria');
    expect(fieldOf('')).toBe('');
  });
  it('keys field errors by field, keeping the first message', () => {
    const problem: Problem = {
      type: 'about:blank',
      title: 'Validation failed',
      status: 422,
      code: 'VALIDATION_FAILED',
      errors: [
        { path: '/name', message: 'must not be empty' },
        { path: '/name', message: 'second' },
        { path: '/markets/0', message: 'unknown market' },
      ],
    };
    expect(fieldErrors(problem)).toEqual({ name: 'must not be empty', markets: 'unknown market' });
    expect(allErrorsOnFields(problem, ['name', 'markets'])).toBe(true);
    expect(allErrorsOnFields(problem, ['name'])).toBe(false);
    expect(allErrorsOnFields(null, ['name'])).toBe(false);
  });
  it('shows the document root readably', () => {
    expect(displayPath('')).toBe('(document)');
    expect(displayPath('/components/3/purl')).toBe('/components/3/purl');
    expect(displayPath('body:$.name')).toBe('$.name');
    expect(displayPath('body:$')).toBe('(document)');
  });
  it('drops repeated errors but keeps distinct ones in order', () => {
    const e = (path: string, message: string) => ({ path, message });
    expect(uniqueErrors([e('$.a', 'x'), e('$.a', 'x'), e('$.a', 'y'), e('$.b', 'x')])).toEqual([e('$.a', 'x'), e('$.a', 'y'), e('$.b', 'x')]);
  });
});
