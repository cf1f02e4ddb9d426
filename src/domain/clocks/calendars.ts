/**
 * Calendars for regulatory periods: US federal holidays and work days, calendar days,
 * hours, and the EU rules of Regulation (EEC, Euratom) No 1182/71 on periods, dates and
 * time limits. Every function is pure; the zone that defines a deadline is passed in.
 */
import {
  addDays,
  compareDates,
  dayOfWeek,
  daysInMonth,
  endOfLocalDay,
  formatDate,
  localDateOf,
  parseDate,
  type LocalDate,
} from './zoned-time.ts';

/** Settings that change how days are counted. Defaults: `defaultCalendarSettings`. */
export interface CalendarSettings {
  /**
   * Count the 5 U.S.C. 6103(b) "observed" substitute days (Friday before a Saturday holiday,
   * Monday after a Sunday holiday) as Federal holidays. Default false: 6103(b) is stated "for
   * the purpose of statutes relating to pay and leave of employees", and counting them as work
   * days never gives a later deadline (the conservative choice).
   */
  readonly observedHolidays: boolean;
  /**
   * Count Inauguration Day (5 U.S.C. 6103(c): Jan 20 after a presidential election, or Jan 21
   * when the 20th is a Sunday) as a holiday. It is a holiday only for federal employees in the
   * Washington DC area (which includes FDA's White Oak campus); default false (conservative).
   */
  readonly inaugurationDay: boolean;
  /** Extra US non-work dates (YYYY-MM-DD), e.g. Executive Order closures. Default none. */
  readonly extraUsClosures: readonly string[];
  /**
   * Apply Art 3(4) of Regulation 1182/71 to EU day and month periods: a period ending on a
   * Saturday, Sunday or public holiday runs to the end of the next working day. Whether this
   * extends vigilance deadlines is not settled; default false (no extension, conservative).
   * Periods in hours are never extended.
   */
  readonly euWeekendExtension: boolean;
  /** Public holidays (YYYY-MM-DD) for the Art 3(4) extension in the Member State concerned. */
  readonly euPublicHolidays: readonly string[];
}

export const defaultCalendarSettings: CalendarSettings = {
  observedHolidays: false,
  inaugurationDay: false,
  extraUsClosures: [],
  euWeekendExtension: false,
  euPublicHolidays: [],
};

export interface Holiday {
  readonly date: string;
  readonly name: string;
  /** 'legal' = the 6103(a) date; 'observed' = a 6103(b) substitute; 'inauguration' = 6103(c). */
  readonly kind: 'legal' | 'observed' | 'inauguration';
}

function nthWeekday(year: number, month: number, weekday: number, n: number): LocalDate {
  const first: LocalDate = { year, month, day: 1 };
  const shift = (weekday - dayOfWeek(first) + 7) % 7;
  return { year, month, day: 1 + shift + 7 * (n - 1) };
}

function lastWeekday(year: number, month: number, weekday: number): LocalDate {
  const last: LocalDate = { year, month, day: daysInMonth(year, month) };
  const back = (dayOfWeek(last) - weekday + 7) % 7;
  return { year, month, day: last.day - back };
}

/** The eleven legal public holidays of 5 U.S.C. 6103(a) in `year` (Juneteenth from 2021). */
export function legalPublicHolidays(year: number): { date: LocalDate; name: string }[] {
  const list: { date: LocalDate; name: string }[] = [
    { date: { year, month: 1, day: 1 }, name: "New Year's Day" },
    { date: nthWeekday(year, 1, 1, 3), name: 'Birthday of Martin Luther King, Jr.' },
    { date: nthWeekday(year, 2, 1, 3), name: "Washington's Birthday" },
    { date: lastWeekday(year, 5, 1), name: 'Memorial Day' },
    { date: { year, month: 7, day: 4 }, name: 'Independence Day' },
    { date: nthWeekday(year, 9, 1, 1), name: 'Labor Day' },
    { date: nthWeekday(year, 10, 1, 2), name: 'Columbus Day' },
    { date: { year, month: 11, day: 11 }, name: 'Veterans Day' },
    { date: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving Day' },
    { date: { year, month: 12, day: 25 }, name: 'Christmas Day' },
  ];
  if (year >= 2021) list.splice(4, 0, { date: { year, month: 6, day: 19 }, name: 'Juneteenth National Independence Day' });
  return list;
}

/**
 * Every US federal non-work date that falls in `year` under `settings`: the 6103(a) dates,
 * plus (if enabled) observed substitutes — including Dec 31 when the next New Year's Day is a
 * Saturday — and Inauguration Day. Weekend dates are listed too; callers skip weekends anyway.
 */
export function usFederalHolidays(year: number, settings: Pick<CalendarSettings, 'observedHolidays' | 'inaugurationDay'>): Holiday[] {
  const out: Holiday[] = [];
  for (const y of [year, year + 1]) {
    for (const h of legalPublicHolidays(y)) {
      if (y === year) out.push({ date: formatDate(h.date), name: h.name, kind: 'legal' });
      if (!settings.observedHolidays) continue;
      const dow = dayOfWeek(h.date);
      const observed = dow === 6 ? addDays(h.date, -1) : dow === 0 ? addDays(h.date, 1) : undefined;
      if (observed && observed.year === year) out.push({ date: formatDate(observed), name: `${h.name} (observed)`, kind: 'observed' });
    }
  }
  if (settings.inaugurationDay && (year - 1) % 4 === 0 && year > 1965) {
    let date: LocalDate = { year, month: 1, day: 20 };
    if (dayOfWeek(date) === 0) date = addDays(date, 1);
    out.push({ date: formatDate(date), name: 'Inauguration Day', kind: 'inauguration' });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

const holidayCache = new Map<string, Set<string>>();

function usNonWorkDates(year: number, settings: CalendarSettings): Set<string> {
  const key = `${year}|${settings.observedHolidays}|${settings.inaugurationDay}`;
  let set = holidayCache.get(key);
  if (!set) {
    set = new Set(usFederalHolidays(year, settings).map((h) => h.date));
    holidayCache.set(key, set);
  }
  return set;
}

/** 21 CFR 803.3: "Work day means Monday through Friday, except Federal holidays." */
export function isUsWorkDay(date: LocalDate, settings: CalendarSettings): boolean {
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return false;
  const text = formatDate(date);
  if (settings.extraUsClosures.includes(text)) return false;
  return !usNonWorkDates(date.year, settings).has(text);
}

/** The date `n` US work days after `date` (the day of the trigger is day 0 and is not counted). */
export function addUsWorkDays(date: LocalDate, n: number, settings: CalendarSettings): LocalDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isUsWorkDay(d, settings)) left -= 1;
  }
  return d;
}

/** Reg. 1182/71 Art 3(4) working day: not a Saturday, Sunday or listed public holiday. */
export function isEuWorkingDay(date: LocalDate, settings: CalendarSettings): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !settings.euPublicHolidays.includes(formatDate(date));
}

/**
 * Reg. 1182/71 Art 3(2)(c): a period in months ends at the end of the day in the last month
 * that has the same date as the day from which it runs, or the last day of that month when
 * that date does not exist.
 */
export function addMonthsEu(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Applies Art 3(4) when enabled: a last day that is not a working day moves to the next working day. */
export function euExtend(date: LocalDate, settings: CalendarSettings): { date: LocalDate; extended: boolean } {
  if (!settings.euWeekendExtension) return { date, extended: false };
  let d = date;
  while (!isEuWorkingDay(d, settings)) d = addDays(d, 1);
  return { date: d, extended: compareDates(d, date) !== 0 };
}

/** A period, as rule packs state it. */
export type Period =
  | { readonly unit: 'hours'; readonly amount: number }
  /** "N calendar days after the day of the trigger" (US): end of the local date trigger + N. */
  | { readonly unit: 'calendar-days'; readonly amount: number }
  /** "N work days after the day of the trigger", Mon–Fri except Federal holidays (803.3). */
  | { readonly unit: 'us-work-days'; readonly amount: number }
  /** Reg. 1182/71 days: start the day after the event, end at the end of the last day. */
  | { readonly unit: 'eu-days'; readonly amount: number }
  /** Reg. 1182/71 months: end on the same date N months later (or that month's last day). */
  | { readonly unit: 'eu-months'; readonly amount: number }
  /** N days after the end of the calendar year in which the trigger falls (HIPAA annual log). */
  | { readonly unit: 'days-after-year-end'; readonly amount: number }
  /** Before the trigger instant itself (e.g. an FSCA report "in advance of" the action). */
  | { readonly unit: 'before-trigger' }
  /** No number in the source ("as soon as possible", "without undue delay"). */
  | { readonly unit: 'no-fixed-period'; readonly text: string };

export function describePeriod(p: Period): string {
  switch (p.unit) {
    case 'hours':
      return `${p.amount} hours`;
    case 'calendar-days':
      return `${p.amount} calendar days after the day of the trigger`;
    case 'us-work-days':
      return `${p.amount} work days (Mon–Fri except US Federal holidays) after the day of the trigger`;
    case 'eu-days':
      return `${p.amount} days (Reg. 1182/71)`;
    case 'eu-months':
      return `${p.amount === 1 ? 'one month' : `${p.amount} months`} (Reg. 1182/71)`;
    case 'days-after-year-end':
      return `${p.amount} days after the end of the calendar year`;
    case 'before-trigger':
      return 'before the action is taken';
    case 'no-fixed-period':
      return p.text;
  }
}

export interface Deadline {
  /** The due instant (epoch ms): the last millisecond in which the obligation is on time. */
  readonly dueMs: number;
  /** The local date on which the period ends (in the deadline's zone); absent for hour periods. */
  readonly dueDate?: string;
  readonly notes: readonly string[];
}

/**
 * The deadline for `period` started by `triggerMs`, with day boundaries taken in `zone`.
 * Returns undefined for periods without a number.
 */
export function computeDeadline(period: Period, triggerMs: number, zone: string, settings: CalendarSettings): Deadline | undefined {
  const day0 = localDateOf(triggerMs, zone);
  const endOf = (date: LocalDate, notes: string[] = []): Deadline => ({ dueMs: endOfLocalDay(date, zone), dueDate: formatDate(date), notes });
  switch (period.unit) {
    case 'hours':
      return { dueMs: triggerMs + period.amount * 3_600_000, notes: [] };
    case 'calendar-days':
      return endOf(addDays(day0, period.amount));
    case 'us-work-days':
      return endOf(addUsWorkDays(day0, period.amount, settings));
    case 'eu-days':
    case 'eu-months': {
      const last = period.unit === 'eu-days' ? addDays(day0, period.amount) : addMonthsEu(day0, period.amount);
      const { date, extended } = euExtend(last, settings);
      return endOf(date, extended ? [`Reg. 1182/71 Art 3(4): ${formatDate(last)} is not a working day; extended to ${formatDate(date)}`] : []);
    }
    case 'days-after-year-end':
      return endOf(addDays({ year: day0.year, month: 12, day: 31 }, period.amount));
    case 'before-trigger':
      return { dueMs: triggerMs - 1, notes: [] };
    case 'no-fixed-period':
      return undefined;
  }
}

/** Validates a list of YYYY-MM-DD strings; returns the bad ones. */
export function invalidDates(list: readonly string[]): string[] {
  return list.filter((d) => !parseDate(d));
}
