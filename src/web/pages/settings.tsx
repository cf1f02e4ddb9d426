// Organisation clock settings (/settings/clocks): rule pack and rule switches, calendar settings,
// due-soon hours and playbook overrides. Administrators save (validated by the server, problems shown
// by JSON path; every open case is re-evaluated); everyone else sees them read-only.
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api.ts';
import type { ClockSettings, ClockSettingsDocument, ClockSettingsResult, PackUse, Problem, User } from '../api.ts';
import { formatInZone } from '../cases.ts';
import { packSwitches, parseDateList, parsePlaybookOverrides, setSetting, setSwitch, settingsProblemsBySection } from '../lifecycle.ts';
import { useDocumentTitle } from '../router.ts';
import { ProblemView, Spinner, toProblemOf, useResource } from '../ui.tsx';
import { browserZone } from './case-dialogs.tsx';

interface Catalog {
  packs: PackUse[];
  rules: Array<{ ruleId: string; packId: string; title: string }>;
}

/** Packs and rules the engine knows, from the settings answer's catalogue. */
function catalogOf(settings: ClockSettings): Catalog {
  const packs = settings.catalog.packs;
  return {
    packs: packs.map((p) => ({ id: p.id, version: p.version, enabled: p.enabledByDefault, ...(p.disabledReason ? { disabledReason: p.disabledReason } : {}) })),
    rules: packs.flatMap((p) => p.rules.map((r) => ({ ruleId: r.id, packId: p.id, title: r.title }))).sort((a, b) => a.packId.localeCompare(b.packId) || a.ruleId.localeCompare(b.ruleId)),
  };
}

type Tri = 'default' | 'on' | 'off';
const triOf = (v: boolean | undefined): Tri => (v === undefined ? 'default' : v ? 'on' : 'off');
const boolOf = (t: Tri): boolean | undefined => (t === 'default' ? undefined : t === 'on');

function TriSelect({ id, value, fallback, onChange, disabled, testId, label }: { id: string; value: boolean | undefined; fallback: boolean | null; onChange: (v: boolean | undefined) => void; disabled: boolean; testId: string; label: string }) {
  return (
    <select id={id} aria-label={label} value={triOf(value)} disabled={disabled} onChange={(e) => onChange(boolOf(e.target.value as Tri))} data-testid={testId}>
      <option value="default">Default{fallback === null ? '' : fallback ? ' (on)' : ' (off)'}</option>
      <option value="on">On</option>
      <option value="off">Off</option>
    </select>
  );
}

function SectionProblems({ problems }: { problems: Array<{ path: string; message: string }> | undefined }) {
  if (!problems?.length) return null;
  return (
    <ul className="problem-errors" data-testid="settings-field-errors">
      {problems.map((p, i) => (
        <li key={i} className="field-error">
          <code className="problem-path">{p.path}</code> {p.message}
        </li>
      ))}
    </ul>
  );
}

export function ClockSettingsPage({ user }: { user: User }) {
  useDocumentTitle('Clock settings');
  const settings = useResource(() => api.getClockSettings(), []);
  // Kept here: the form starts afresh from the stored document after a save.
  const [result, setResult] = useState<ClockSettingsResult | null>(null);
  if (settings.error && !settings.data) return <div className="page"><ProblemView problem={settings.error} /></div>;
  if (!settings.data) return <div className="page"><Spinner label="Loading the settings…" /></div>;
  return (
    <SettingsForm
      key={settings.data.updatedAt ?? 'never'}
      settings={settings.data}
      catalog={catalogOf(settings.data)} admin={user.isAdmin === true}
      result={result}
      onSaved={(r) => {
        setResult(r);
        settings.setData(() => r);
      }}
    />
  );
}

function SettingsForm({ settings, catalog, admin, result, onSaved }: { settings: ClockSettings; catalog: Catalog; admin: boolean; result: ClockSettingsResult | null; onSaved: (r: ClockSettingsResult) => void }) {
  const [doc, setDoc] = useState<ClockSettingsDocument>(settings.document);
  const [usClosures, setUsClosures] = useState((settings.document.extraUsClosures ?? []).join('\n'));
  const [euHolidays, setEuHolidays] = useState((settings.document.euPublicHolidays ?? []).join('\n'));
  const [dueSoon, setDueSoon] = useState(settings.document.dueSoonHours === undefined ? '' : String(settings.document.dueSoonHours));
  const [playbooks, setPlaybooks] = useState(settings.document.playbooks ? JSON.stringify(settings.document.playbooks, null, 2) : '');
  const [newRule, setNewRule] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const userZone = browserZone();
  const ro = !admin;

  const packs = useMemo(() => packSwitches(doc, catalog.packs), [doc, catalog.packs]);
  const ruleIds = useMemo(() => [...new Set([...catalog.rules.map((r) => r.ruleId), ...Object.keys(doc.rules ?? {})])], [catalog.rules, doc.rules]);
  const us = parseDateList(usClosures);
  const eu = parseDateList(euHolidays);
  const pb = parsePlaybookOverrides(playbooks);
  const dueSoonNumber = dueSoon.trim() === '' ? undefined : Number(dueSoon);
  const localInvalid = us.invalid.length > 0 || eu.invalid.length > 0 || !pb.ok || (dueSoonNumber !== undefined && Number.isNaN(dueSoonNumber));
  const bySection = settingsProblemsBySection(problem);

  function build(): ClockSettingsDocument {
    let next = setSetting(doc, 'extraUsClosures', us.dates.length ? us.dates : undefined);
    next = setSetting(next, 'euPublicHolidays', eu.dates.length ? eu.dates : undefined);
    next = setSetting(next, 'dueSoonHours', dueSoonNumber);
    next = setSetting(next, 'playbooks', pb.ok ? pb.value : undefined);
    return next;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (ro || localInvalid) return;
    setBusy(true);
    setProblem(null);
    try {
      onSaved(await api.putClockSettings(build(), reason.trim() || undefined));
    } catch (error) {
      setProblem(toProblemOf(error));
    } finally {
      setBusy(false);
    }
  }

  // A pack's default, from the engine's catalogue (unknown for an id the engine does not know).
  const packDefault = (id: string): boolean | null => catalog.packs.find((p) => p.id === id)?.enabled ?? null;
  const packInfo = (id: string) => settings.catalog.packs.find((p) => p.id === id);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Clock settings</h1>
          <p className="page-sub">
            The organisation's regulatory clock settings. Saving re-evaluates every open case.
            {settings.updatedAt ? ` Last changed ${formatInZone(settings.updatedAt, userZone)} by ${settings.updatedBy ?? '?'}.` : ' Never changed: the defaults apply.'}
          </p>
        </div>
      </div>
      {ro ? (
        <div className="notice" role="status" data-testid="settings-readonly">
          Read-only: only an administrator can change these settings.
        </div>
      ) : null}
      <form className="form settings-form" onSubmit={save} data-testid="settings-form">
        {problem ? <ProblemView problem={problem} testId="settings-problem" /> : null}
        {result ? (
          <div className="notice notice-ok" role="status" data-testid="settings-saved">
            Saved. {result.reevaluated.length} open case{result.reevaluated.length === 1 ? '' : 's'} changed
            {result.reevaluated.length ? ': ' : ''}
            {result.reevaluated.map((c) => `#${c.number} (${c.changes.map((x) => `${x.key} ${x.from ?? 'new'} → ${x.to}`).join(', ')})`).join('; ')}
            {result.replannedTasks ? `; ${result.replannedTasks} task${result.replannedTasks === 1 ? '' : 's'} re-planned` : ''}.
          </div>
        ) : null}

        <section className="card" aria-labelledby="packs-heading">
          <div className="section-head section-head-padded">
            <h2 id="packs-heading">Rule packs</h2>
          </div>
          <div className="card-pad">
            <SectionProblems problems={bySection.packs} />
            <table className="table table-compact" data-testid="settings-packs">
              <tbody>
                {packs.map((p) => (
                  <tr key={p.id} data-testid="settings-pack" data-id={p.id}>
                    <th scope="row" className="mono small">
                      <label htmlFor={`pack-${p.id}`}>{p.id}</label>
                      {packInfo(p.id) ? (
                        <div className="muted pack-meta">
                          {packInfo(p.id)!.title} · {packInfo(p.id)!.jurisdiction} · v{packInfo(p.id)!.version}
                          {packInfo(p.id)!.disabledReason ? <div data-testid="pack-disabled-reason">Off by default: {packInfo(p.id)!.disabledReason}</div> : null}
                        </div>
                      ) : null}
                    </th>
                    <td>
                      <TriSelect
                        id={`pack-${p.id}`}
                        label={`Rule pack ${p.id}`}
                        value={doc.packs?.[p.id]?.enabled}
                        fallback={packDefault(p.id)}
                        disabled={ro}
                        onChange={(v) => setDoc((d) => setSwitch(d, 'packs', p.id, v ?? null))}
                        testId={`pack-${p.id}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="card" aria-labelledby="rules-heading">
          <div className="section-head section-head-padded">
            <h2 id="rules-heading">Rules</h2>
            <span className="small muted">Switch single obligations on or off.</span>
          </div>
          <div className="card-pad">
            <SectionProblems problems={bySection.rules} />
            <table className="table table-compact" data-testid="settings-rules">
              <tbody>
                {ruleIds.map((id) => {
                  const r = catalog.rules.find((x) => x.ruleId === id);
                  return (
                    <tr key={id} data-testid="settings-rule" data-id={id}>
                      <th scope="row" className="small">
                        <label htmlFor={`rule-${id}`} className="mono">
                          {id}
                        </label>
                        {r ? <div className="muted">{r.title} · {r.packId}</div> : null}
                      </th>
                      <td>
                        <TriSelect id={`rule-${id}`} label={`Rule ${id}`} value={doc.rules?.[id]?.enabled} fallback={true} disabled={ro} onChange={(v) => setDoc((d) => setSwitch(d, 'rules', id, v ?? null))} testId={`rule-${id}`} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {!ro ? (
              <div className="toolbar">
                <input aria-label="Rule id" placeholder="rule id, e.g. fda-806-report" value={newRule} onChange={(e) => setNewRule(e.target.value)} data-testid="rule-add-id" />
                <button
                  type="button"
                  className="button button-small"
                  disabled={!newRule.trim()}
                  onClick={() => {
                    setDoc((d) => setSwitch(d, 'rules', newRule.trim(), false));
                    setNewRule('');
                  }}
                >
                  Switch off
                </button>
              </div>
            ) : null}
          </div>
        </section>

        <section className="card" aria-labelledby="calendar-heading">
          <div className="section-head section-head-padded">
            <h2 id="calendar-heading">Calendar and due-soon window</h2>
          </div>
          <div className="card-pad grid-2">
            <div className="field">
              <label htmlFor="set-observed">Observed US federal holidays (Saturday → Friday, Sunday → Monday)</label>
              <TriSelect id="set-observed" label="Observed holidays" value={doc.observedHolidays} fallback={settings.document.observedHolidays === undefined ? settings.effective.observedHolidays : null} disabled={ro} onChange={(v) => setDoc((d) => setSetting(d, 'observedHolidays', v))} testId="set-observed" />
              <SectionProblems problems={bySection.observedHolidays} />
            </div>
            <div className="field">
              <label htmlFor="set-inauguration">Inauguration Day (Washington, D.C.)</label>
              <TriSelect id="set-inauguration" label="Inauguration Day" value={doc.inaugurationDay} fallback={settings.document.inaugurationDay === undefined ? settings.effective.inaugurationDay : null} disabled={ro} onChange={(v) => setDoc((d) => setSetting(d, 'inaugurationDay', v))} testId="set-inauguration" />
              <SectionProblems problems={bySection.inaugurationDay} />
            </div>
            <div className="field">
              <label htmlFor="set-us-closures">Extra US closures (one date per line)</label>
              <textarea id="set-us-closures" rows={3} className="mono" value={usClosures} disabled={ro} onChange={(e) => setUsClosures(e.target.value)} data-testid="set-us-closures" aria-invalid={us.invalid.length ? true : undefined} />
              {us.invalid.length ? <p className="field-error">Not a date (YYYY-MM-DD): {us.invalid.join(', ')}</p> : null}
              <SectionProblems problems={bySection.extraUsClosures} />
            </div>
            <div className="field">
              <label htmlFor="set-eu-holidays">EU public holidays (one date per line)</label>
              <textarea id="set-eu-holidays" rows={3} className="mono" value={euHolidays} disabled={ro} onChange={(e) => setEuHolidays(e.target.value)} data-testid="set-eu-holidays" aria-invalid={eu.invalid.length ? true : undefined} />
              {eu.invalid.length ? <p className="field-error">Not a date (YYYY-MM-DD): {eu.invalid.join(', ')}</p> : null}
              <SectionProblems problems={bySection.euPublicHolidays} />
            </div>
            <div className="field">
              <label htmlFor="set-eu-weekend">EU weekend extension (a period ending on a weekend or holiday ends on the next working day)</label>
              <TriSelect id="set-eu-weekend" label="EU weekend extension" value={doc.euWeekendExtension} fallback={settings.document.euWeekendExtension === undefined ? settings.effective.euWeekendExtension : null} disabled={ro} onChange={(v) => setDoc((d) => setSetting(d, 'euWeekendExtension', v))} testId="set-eu-weekend" />
              <SectionProblems problems={bySection.euWeekendExtension} />
            </div>
            <div className="field">
              <label htmlFor="set-due-soon">Due-soon hours (empty: default)</label>
              <input id="set-due-soon" type="number" min={0} step={1} value={dueSoon} disabled={ro} placeholder={String(settings.effective.dueSoonHours)} onChange={(e) => setDueSoon(e.target.value)} data-testid="set-due-soon" />
              <SectionProblems problems={bySection.dueSoonHours} />
            </div>
          </div>
        </section>

        <section className="card" aria-labelledby="playbooks-heading">
          <div className="section-head section-head-padded">
            <h2 id="playbooks-heading">Playbook overrides</h2>
            <span className="small muted">JSON: {'{ "vulnerability-response": { "tasks": { "triage": { "due": { "critical": "12h" } } } } }'}</span>
          </div>
          <div className="card-pad field">
            <label htmlFor="set-playbooks" className="visually-hidden">
              Playbook overrides (JSON)
            </label>
            <textarea id="set-playbooks" rows={8} className="mono" value={playbooks} disabled={ro} onChange={(e) => setPlaybooks(e.target.value)} data-testid="set-playbooks" aria-invalid={!pb.ok ? true : undefined} />
            {!pb.ok ? <p className="field-error">{pb.message}</p> : null}
            <SectionProblems problems={bySection.playbooks} />
            <details className="disclosure small">
              <summary>Playbooks in force</summary>
              <ul className="plain-list">
                {settings.playbooks.map((p) => (
                  <li key={p.id}>
                    <strong>{p.title}</strong> <span className="mono">{p.id}</span>:{' '}
                    {p.tasks.map((t) => `${t.key} (${t.role}; ${t.due.critical}/${t.due.high}/${t.due.medium}/${t.due.low})`).join(', ')}
                  </li>
                ))}
              </ul>
            </details>
          </div>
        </section>

        {!ro ? (
          <div className="toolbar facts-save">
            <input aria-label="Reason for the change" placeholder="Reason (audit trail)" maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="settings-reason" />
            <button type="submit" className="button button-primary" disabled={busy || localInvalid} data-testid="settings-save">
              {busy ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        ) : null}
      </form>
    </div>
  );
}
