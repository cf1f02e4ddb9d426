/**
 * Wall-clock time in IANA zones without Temporal and without dependencies.
 *
 * The only source of zone rules is `Intl.DateTimeFormat` (the ICU data shipped with Node):
 * to find the UTC offset of a zone at an instant we format the instant in that zone and read
 * the wall-clock fields back. Converting a local wall time to an instant is the inverse, done
 * by two fixed-point steps (enough for every real zone, whose offsets change at most once in a
 * few hours).
 *
 * Conventions for wall times that do not exist or exist twice (DST transitions):
 *  - a wall time in a spring-forward gap is moved forward by the size of the gap
 *    (02:30 on a 02:00→03:00 night becomes 03:30), as Temporal's 'compatible' option does;
 *  - a wall time in a fall-back overlap takes the earlier of its two instants.
 */

/** A calendar date without a zone (proleptic Gregorian). Months are 1–12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA time zone name this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of `instantMs` in `zone`. */
export function instantToLocal(instantMs: number, zone: string): LocalDateTime {
  const parts = formatterFor(zone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '0';
  let year = Number(get('year'));
  if (get('era') === 'BC' || get('era') === 'B') year = 1 - year;
  const ms = ((instantMs % 1000) + 1000) % 1000;
  return {
    year,
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    millisecond: ms,
  };
}

function wallAsUtcMs(t: LocalDateTime): number {
  const d = new Date(0);
  d.setUTCFullYear(t.year, t.month - 1, t.day);
  d.setUTCHours(t.hour, t.minute, t.second, t.millisecond);
  return d.getTime();
}

/** UTC offset of `zone` at `instantMs`, in milliseconds (local = UTC + offset). */
export function offsetMs(instantMs: number, zone: string): number {
  const local = instantToLocal(instantMs, zone);
  return wallAsUtcMs(local) - instantMs;
}

/** The instant at which the wall clock in `zone` shows `t` (see the module comment for gaps and overlaps). */
export function localToInstant(t: LocalDateTime, zone: string): number {
  const wall = wallAsUtcMs(t);
  // Offsets a few hours either side cover the transition around this wall time.
  const before = offsetMs(wall - DAY_MS / 2, zone);
  const after = offsetMs(wall + DAY_MS / 2, zone);
  const candidates: number[] = [];
  for (const off of new Set([before, after])) {
    const instant = wall - off;
    if (offsetMs(instant, zone) === off) candidates.push(instant);
  }
  if (candidates.length > 0) return Math.min(...candidates); // overlap → earlier instant
  // Gap: the wall time does not exist. Interpret it with the offset in force before the
  // transition, which lands after the gap by the same distance (Temporal 'compatible').
  return wall - before;
}

/** Start (00:00) of a local date in a zone; if midnight is skipped by DST, the first instant of the day. */
export function startOfLocalDay(date: LocalDate, zone: string): number {
  return localToInstant({ ...date, hour: 0, minute: 0, second: 0, millisecond: 0 }, zone);
}

/** The last millisecond of a local date in a zone (the instant just before the next day starts). */
export function endOfLocalDay(date: LocalDate, zone: string): number {
  return startOfLocalDay(addDays(date, 1), zone) - 1;
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(instantMs: number, zone: string): LocalDate {
  const t = instantToLocal(instantMs, zone);
  return { year: t.year, month: t.month, day: t.day };
}

/** Days since 1970-01-01 for a calendar date. */
export function epochDay(date: LocalDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

export function fromEpochDay(n: number): LocalDate {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(epochDay(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return (((epochDay(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return epochDay(a) - epochDay(b);
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

export function formatDate(date: LocalDate): string {
  return `${date.year < 0 ? '-' : ''}${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function parseDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return undefined;
  return date;
}

/** UTC ISO 8601 with milliseconds, e.g. `2026-03-31T03:59:59.999Z`. */
export function formatInstant(instantMs: number): string {
  return new Date(instantMs).toISOString();
}

/** ISO 8601 with the zone's offset, e.g. `2026-03-30T23:59:59.999-04:00`. */
export function formatInstantInZone(instantMs: number, zone: string): string {
  const t = instantToLocal(instantMs, zone);
  const off = Math.round(offsetMs(instantMs, zone) / 60_000);
  const sign = off < 0 ? '-' : '+';
  const offText = off === 0 ? 'Z' : `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  const frac = t.millisecond ? `.${pad(t.millisecond, 3)}` : '';
  return `${formatDate(t)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${frac}${offText}`;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

export type ParsedTime =
  | { readonly ok: true; readonly instantMs: number; readonly hadOffset: boolean }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`. With an offset (or Z) the text is an instant;
 * without one it is a wall time in `zone`.
 */
export function parseTime(text: string, zone: string): ParsedTime {
  const m = ISO_RE.exec(text);
  if (!m) return { ok: false, reason: 'expected YYYY-MM-DDTHH:MM[:SS[.fff]] with an optional Z or ±HH:MM offset' };
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const date = parseDate(`${y}-${mo}-${d}`);
  if (!date) return { ok: false, reason: `no such date ${y}-${mo}-${d}` };
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'time of day out of range' };
  const millisecond = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  const local: LocalDateTime = { ...date, hour, minute, second, millisecond };
  if (off) {
    let offMin = 0;
    if (off !== 'Z') {
      const sign = off.startsWith('-') ? -1 : 1;
      const [oh, om] = off.slice(1).split(':').map(Number) as [number, number];
      if (oh > 23 || om > 59) return { ok: false, reason: 'offset out of range' };
      offMin = sign * (oh * 60 + om);
    }
    return { ok: true, instantMs: wallAsUtcMs(local) - offMin * 60_000, hadOffset: true };
  }
  if (!isValidTimeZone(zone)) return { ok: false, reason: `unknown time zone '${zone}'` };
  return { ok: true, instantMs: localToInstant(local, zone), hadOffset: false };
}
