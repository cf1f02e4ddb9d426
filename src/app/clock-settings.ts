/**
 * Organisation clock settings: read, and replace (validated, audited old → new). A change
 * re-evaluates every open case and re-plans open playbook tasks in the same transaction, so the
 * obligations on the board always follow the settings in force.
 */
import { VigilError } from '../domain/errors.ts';
import { builtInPlaybooks, resolvePlaybook, type Playbook } from '../domain/cases/playbooks.ts';
import type { EngineSettings } from '../domain/clocks/engine.ts';
import { builtInRulePacks, obligationIds } from '../domain/clocks/rule-packs.ts';
import { validateSettings, type OrganisationSettings } from '../domain/clocks/settings.schema.ts';
import { replanCaseTasksInTx } from './case-tasks.ts';
import { reevaluateOpenCasesInTx, type CaseDeps } from './cases.ts';
import { CLOCK_SETTINGS_KEY, effectiveEngineSettings, loadClockSettings, type StoredClockSettings } from './org-settings.ts';
import type { Actor, StoredObligationStatus } from './ports.ts';
import { actorRef } from './ports.ts';

export interface ClockSettingsView extends StoredClockSettings {
  /** The engine settings in force: the document merged over the defaults. */
  effective: EngineSettings;
  /** The playbooks with the document's overrides applied. */
  playbooks: Playbook[];
  /** Every rule pack and rule the engine knows, with its default: what the switches can name. */
  catalog: { packs: CatalogPack[] };
}

export interface CatalogPack {
  id: string;
  version: string;
  title: string;
  jurisdiction: 'US' | 'EU';
  enabledByDefault: boolean;
  disabledReason: string | null;
  rules: Array<{ id: string; title: string; citation: string }>;
}

const catalog: { packs: CatalogPack[] } = {
  packs: builtInRulePacks.map((p) => ({
    id: p.id,
    version: p.version,
    title: p.title,
    jurisdiction: p.jurisdiction,
    enabledByDefault: p.enabledByDefault,
    disabledReason: p.disabledReason ?? null,
    rules: p.rules.map((r) => ({ id: r.id, title: r.title, citation: r.citation })),
  })),
};

function view(stored: StoredClockSettings): ClockSettingsView {
  const overrides = stored.document.playbooks ?? {};
  return { ...stored, effective: effectiveEngineSettings(stored.document), playbooks: builtInPlaybooks.map((p) => resolvePlaybook(p.id, overrides)), catalog };
}

export async function getClockSettings(deps: Pick<CaseDeps, 'uow'>): Promise<ClockSettingsView> {
  return view(await deps.uow.read((s) => loadClockSettings(s)));
}

/** Validates a settings document; throws CLOCK_SETTINGS_INVALID with each problem's JSON path. */
export function checkClockSettings(document: unknown): OrganisationSettings {
  const checked = validateSettings(document, { packs: new Set(builtInRulePacks.map((p) => p.id)), rules: obligationIds() });
  if (!checked.ok) {
    throw new VigilError('CLOCK_SETTINGS_INVALID', `the clock settings are invalid: ${checked.problems.length} problem(s); first: ${checked.problems[0]!.path} ${checked.problems[0]!.message}`, {
      errors: checked.problems,
    });
  }
  return checked.settings;
}

export interface SetClockSettingsResult extends ClockSettingsView {
  /** Open cases whose obligations changed with the new settings. */
  reevaluated: Array<{ caseId: string; number: number; changes: Array<{ key: string; from: StoredObligationStatus | null; to: StoredObligationStatus; dueAt: string | null }> }>;
  /** Open playbook tasks whose due date moved (playbook overrides changed). */
  replannedTasks: number;
}

/** Replaces the organisation clock settings; re-evaluates open cases and re-plans their tasks. */
export async function setClockSettings(deps: CaseDeps, actor: Actor, document: unknown, reason: string | null = null): Promise<SetClockSettingsResult> {
  const doc = checkClockSettings(document);
  return deps.uow.write(async (s) => {
    const before = await loadClockSettings(s);
    const stored: StoredClockSettings = { document: doc, updatedAt: deps.clock.now().toISOString(), updatedBy: actorRef(actor) };
    await s.settings.set(CLOCK_SETTINGS_KEY, stored);
    await s.audit.append({ actor, action: 'settings.clocks-changed', entityType: 'settings', entityId: CLOCK_SETTINGS_KEY, before: before.document, after: doc, reason });
    const why = reason ?? 'organisation clock settings changed';
    const reevaluated = await reevaluateOpenCasesInTx(s, deps, actor, why);
    let replannedTasks = 0;
    for (const c of await s.cases.list({ status: 'open' })) replannedTasks += (await replanCaseTasksInTx(s, deps, actor, c, c.severity, doc.playbooks ?? {}, why)).length;
    return { ...view(stored), reevaluated, replannedTasks };
  });
}
