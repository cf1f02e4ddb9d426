import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';

/**
 * vers-spec `datetime`: RFC 3339 timestamps (`2024-01-01T00:00:00Z`, `…+02:00`, fractional
 * seconds of any precision) ordered by the instant they denote, so different offsets of the
 * same instant are equal. Kept exact: whole seconds since the epoch plus a nanosecond fraction string.
 */
export interface DatetimeVersion {
  /** Seconds since 1970-01-01T00:00:00Z. */
  readonly seconds: number;
  /** Fractional second digits without trailing zeros ("" for none). */
  readonly fraction: string;
  readonly text: string;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function parseDatetime(input: string): ParseResult<DatetimeVersion> {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: 'empty version' };
  const m = PATTERN.exec(input);
  if (!m) return { ok: false, reason: 'not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm))' };
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12) return { ok: false, reason: `month ${month} out of range` };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `day ${day} out of range` };
  if (hour > 23 || minute > 59 || second > 60) return { ok: false, reason: 'time out of range' };
  let offset = 0;
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return { ok: false, reason: 'offset out of range' };
    offset = (oh * 60 + om) * 60 * (m[9] === '-' ? -1 : 1);
  }
  // Leap second 60 is folded into the next second (RFC 3339 allows it; the instant order is kept).
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  const fraction = (m[7] ?? '').replace(/0+$/, '');
  return { ok: true, value: { seconds, fraction, text: input } };
}

export function compareDatetime(a: DatetimeVersion, b: DatetimeVersion): Ordering {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  // Fractions without trailing zeros compare as decimal digit strings.
  return a.fraction < b.fraction ? -1 : a.fraction > b.fraction ? 1 : 0;
}

export const datetimeScheme: VersionScheme<DatetimeVersion> = {
  id: 'datetime',
  parse: parseDatetime,
  compareParsed: compareDatetime,
  format: (v) => v.text,
};
