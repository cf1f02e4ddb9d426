import { describe, expect, it } from 'vitest';
import { addMonthsEu, addUsWorkDays, computeDeadline, defaultCalendarSettings, isUsWorkDay, usFederalHolidays } from './calendars.ts';
import { formatDate, formatInstantInZone, localToInstant, parseDate, parseTime } from './zoned-time.ts';

const d = (s: string) => parseDate(s)!;
const dates = (year: number, observed: boolean) =>
  usFederalHolidays(year, { observedHolidays: observed, inaugurationDay: false }).map((h) => h.date);

describe('US federal holidays (5 U.S.C. 6103), reference Appendix A', () => {
  it('2026 legal dates', () => {
    expect(dates(2026, false)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-04',
      '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
  });
  it('2027 with observed substitutes, including Dec 31 2027 for New Year 2028', () => {
    const list = dates(2027, true);
    for (const x of ['2027-06-18', '2027-07-05', '2027-12-24', '2027-12-31']) expect(list).toContain(x);
    expect(dates(2027, false)).not.toContain('2027-12-31');
  });
  it('2028: Nov 11 on a Saturday observed Fri Nov 10; New Year not re-observed in 2028', () => {
    expect(dates(2028, true)).toContain('2028-11-10');
    expect(dates(2028, true).filter((x) => x.startsWith('2028-01'))).toEqual(['2028-01-01', '2028-01-17']);
  });
  it('no Juneteenth before 2021', () => {
    expect(dates(2020, false)).not.toContain('2020-06-19');
    expect(dates(2021, false)).toContain('2021-06-19');
  });
  it('Inauguration Day only with the setting; moved to Monday when Jan 20 is a Sunday (2013)', () => {
    expect(usFederalHolidays(2013, { observedHolidays: false, inaugurationDay: true }).map((h) => h.date)).toContain('2013-01-21');
    expect(usFederalHolidays(2033, { observedHolidays: false, inaugurationDay: true }).map((h) => h.date)).toContain('2033-01-20');
    expect(dates(2033, false)).not.toContain('2033-01-20');
  });
  it('work days: weekends and holidays are not, observed days only with the setting', () => {
    expect(isUsWorkDay(d('2026-07-03'), defaultCalendarSettings)).toBe(true);
    expect(isUsWorkDay(d('2026-07-03'), { ...defaultCalendarSettings, observedHolidays: true })).toBe(false);
    expect(isUsWorkDay(d('2026-11-26'), defaultCalendarSettings)).toBe(false);
    expect(isUsWorkDay(d('2026-11-28'), defaultCalendarSettings)).toBe(false);
    expect(formatDate(addUsWorkDays(d('2026-12-23'), 3, defaultCalendarSettings))).toBe('2026-12-29');
  });
});

describe('EU periods (Reg. 1182/71)', () => {
  it('month periods end on the same date or the last day of a shorter month', () => {
    expect(formatDate(addMonthsEu(d('2027-01-31'), 1))).toBe('2027-02-28');
    expect(formatDate(addMonthsEu(d('2028-01-31'), 1))).toBe('2028-02-29');
    expect(formatDate(addMonthsEu(d('2026-12-15'), 1))).toBe('2027-01-15');
    expect(formatDate(addMonthsEu(d('2026-03-31'), 1))).toBe('2026-04-30');
  });
  it('hours are never extended, even with Art 3(4) enabled', () => {
    const t = Date.parse('2026-05-08T10:00:00Z'); // Friday
    const s = { ...defaultCalendarSettings, euWeekendExtension: true };
    expect(computeDeadline({ unit: 'hours', amount: 24 }, t, 'Europe/Berlin', s)?.dueMs).toBe(Date.parse('2026-05-09T10:00:00Z'));
  });
  it('"before-trigger" is due just before the action and no-number periods have no deadline', () => {
    const t = Date.parse('2026-05-08T10:00:00Z');
    expect(computeDeadline({ unit: 'before-trigger' }, t, 'UTC', defaultCalendarSettings)?.dueMs).toBe(t - 1);
    expect(computeDeadline({ unit: 'no-fixed-period', text: 'asap' }, t, 'UTC', defaultCalendarSettings)).toBeUndefined();
  });
});

describe('zoned time via Intl', () => {
  it('converts wall times to instants across DST in New York and Berlin', () => {
    expect(new Date(localToInstant({ year: 2026, month: 3, day: 7, hour: 12, minute: 0, second: 0, millisecond: 0 }, 'America/New_York')).toISOString()).toBe('2026-03-07T17:00:00.000Z');
    expect(new Date(localToInstant({ year: 2026, month: 3, day: 9, hour: 12, minute: 0, second: 0, millisecond: 0 }, 'America/New_York')).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(new Date(localToInstant({ year: 2026, month: 7, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 }, 'Europe/Berlin')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });
  it('gap → shifted forward; overlap → earlier instant', () => {
    const gap = parseTime('2026-03-29T02:30', 'Europe/Berlin');
    expect(gap.ok && new Date(gap.instantMs).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    const overlap = parseTime('2026-10-25T02:30', 'Europe/Berlin');
    expect(overlap.ok && new Date(overlap.instantMs).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
  });
  it('zones without DST and with half-hour offsets', () => {
    const k = parseTime('2026-01-15T09:00', 'Asia/Kolkata');
    expect(k.ok && new Date(k.instantMs).toISOString()).toBe('2026-01-15T03:30:00.000Z');
    expect(formatInstantInZone(Date.parse('2026-01-15T03:30:00Z'), 'Asia/Kolkata')).toBe('2026-01-15T09:00:00+05:30');
  });
  it('explicit offsets win over the zone; impossible dates are rejected', () => {
    const t = parseTime('2026-03-02T10:00:00-05:00', 'Europe/Berlin');
    expect(t.ok && new Date(t.instantMs).toISOString()).toBe('2026-03-02T15:00:00.000Z');
    expect(parseTime('2026-02-30T10:00', 'UTC').ok).toBe(false);
    expect(parseTime('2026-02-03 10:00', 'UTC').ok).toBe(false);
  });
});
