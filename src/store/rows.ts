/** Row → view helpers shared by repositories. Database rows never leave the store. */
export function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

export function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}
