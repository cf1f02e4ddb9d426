/**
 * The organisation's clock settings document as stored (settings key `clocks.settings`): engine
 * settings (calendars, pack and rule switches, dueSoonHours) and playbook overrides. Reading only;
 * changes go through `setClockSettings` (clock-settings.ts).
 */
import { defaultEngineSettings, type EngineSettings } from '../domain/clocks/engine.ts';
import { engineSettingsOf, type OrganisationSettings } from '../domain/clocks/settings.schema.ts';
import type { Stores } from './ports.ts';

export const CLOCK_SETTINGS_KEY = 'clocks.settings';

export interface StoredClockSettings {
  /** The document as set (validated); {} when never set. */
  document: OrganisationSettings;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function loadClockSettings(s: Pick<Stores, 'settings'>): Promise<StoredClockSettings> {
  const stored = await s.settings.get<StoredClockSettings>(CLOCK_SETTINGS_KEY);
  return stored ?? { document: {}, updatedAt: null, updatedBy: null };
}

/** The stored engine settings merged over `defaultEngineSettings`. */
export function effectiveEngineSettings(doc: OrganisationSettings): EngineSettings {
  return { ...defaultEngineSettings, ...engineSettingsOf(doc) };
}
