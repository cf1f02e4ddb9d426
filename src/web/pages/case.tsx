// One regulatory case: header and links, obligations with deadlines in the user's zone, what is not
// applicable and why, the facts the engine still needs, the facts form (saved as a merge patch) and the timeline.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api.ts';
import type { CaseDetail, CaseLink, CaseObligation, Problem } from '../api.ts';
import {
  CASE_KIND_LABELS,
  FACT_GROUPS,
  MARKETS,
  OBLIGATION_STATUS_LABELS,
  OBLIGATION_STATUS_TONES,
  buildFactsPatch,
  changedFields,
  factErrorsByField,
  factLabel,
  fieldKey,
  fieldOfFactPath,
  formFromFacts,
  formatFactValue,
  formatInZone,
  formatTimeLeft,
  isOpenStatus,
  rebaseForm,
  statusAt,
} from '../cases.ts';
import type { FactField, FactsForm, FieldValue, TimeValue } from '../cases.ts';
import { formatBytes } from '../format.ts';
import { releasePath, productPath, useDocumentTitle } from '../router.ts';
import { Badge, EmptyState, Link, ProblemView, Spinner, toProblemOf, useResource } from '../ui.tsx';
import { FulfilDialog, NotApplicableDialog, ZoneSelect, browserZone } from './case-dialogs.tsx';
import { CaseDocuments, CloseCaseDialog, LinksPanel, ReopenDialog, RolesPanel, SeveritySelect, TasksPanel } from './case-lifecycle.tsx';

/** Re-renders every `ms` so that time left and due-soon/overdue states stay current. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function ObligationStatusBadge({ status, late }: { status: CaseObligation['status']; late?: boolean }) {
  return (
    <span className={`badge badge-${OBLIGATION_STATUS_TONES[status]} obligation-status obligation-status-${status}`} data-testid="obligation-status" data-status={status}>
      {OBLIGATION_STATUS_LABELS[status]}
      {late ? ' (late)' : ''}
    </span>
  );
}

/** The due instant in the user's zone, with the defining zone's wall time underneath. */
export function DueCell({ o, userZone }: { o: Pick<CaseObligation, 'dueAt' | 'dueLocal' | 'timeZone' | 'period'>; userZone: string }) {
  if (!o.dueAt) return <span className="muted small" title={o.period}>No due date yet</span>;
  const same = userZone === o.timeZone;
  return (
    <>
      <div className="mono small nowrap" data-testid="obligation-due" title={`${o.dueAt} (UTC)`}>
        {formatInZone(o.dueAt, userZone)}
      </div>
      {same ? null : (
        <div className="mono small muted nowrap" title={`Defined in ${o.timeZone}: ${o.period}`} data-testid="obligation-due-defining">
          {formatInZone(o.dueAt, o.timeZone)} · {o.timeZone}
        </div>
      )}
    </>
  );
}

export function CasePage({ id }: { id: string }) {
  const c = useResource(() => api.getCase(id), [id]);
  const data = c.data;
  useDocumentTitle(data ? `Case ${data.number}` : 'Case');
  const now = useNow();
  const userZone = browserZone();
  const [fulfilling, setFulfilling] = useState<CaseObligation | null>(null);
  const [dismissing, setDismissing] = useState<CaseObligation | null>(null);
  const [evaluated, setEvaluated] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState(false);
  const users = useResource(() => api.listUsers(), []);

  if (c.error && !data) {
    return (
      <div className="page">
        {c.error.code === 'CASE_NOT_FOUND' ? (
          <EmptyState title="Case not found" action={<Link to="/cases" className="button">All cases</Link>}>
            There is no case <code>{id}</code>.
          </EmptyState>
        ) : (
          <ProblemView problem={c.error} />
        )}
      </div>
    );
  }
  if (!data) return <div className="page"><Spinner label="Loading the case…" /></div>;

  const active = data.obligations.filter((o) => o.status !== 'not-applicable');
  const done = () => {
    setFulfilling(null);
    setDismissing(null);
    c.reload();
  };

  return (
    <div className="page page-case">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/cases">Cases</Link>
        <span aria-hidden="true"> / </span>
        <span>#{data.number}</span>
      </nav>
      <div className="page-head case-head" data-testid="case-header">
        <div>
          <h1>
            <span className="muted case-number">#{data.number}</span> <span data-testid="case-title">{data.title}</span>
          </h1>
          <div className="case-meta small">
            <Badge tone="accent">{CASE_KIND_LABELS[data.kind]}</Badge>
            <Badge tone={data.status === 'open' ? 'ok' : 'neutral'} testId="case-status">
              {data.status === 'open' ? 'Open' : 'Closed'}
            </Badge>
            <SeveritySelect detail={data} onChanged={(d) => c.setData(() => d)} />
            <CaseLinks links={data.links} />
            <span className="muted">
              Opened {formatInZone(data.openedAt, userZone)} by {data.openedBy}
            </span>
          </div>
        </div>
        <div className="page-actions">
          {evaluated ? (
            <span className="small muted" aria-live="polite" data-testid="evaluated">
              {evaluated}
            </span>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() =>
              api.evaluateCase(data.id).then(
                (d) => {
                  c.setData(() => d);
                  setEvaluated(d.changes.length ? `Re-evaluated: ${d.changes.map((x) => `${x.key} ${x.from ?? 'new'} → ${x.to}`).join(', ')}` : 'Re-evaluated: no change');
                },
                (error: unknown) => setEvaluated(toProblemOf(error).title),
              )
            }
            title="Time passing can change obligations (a condition lapses); this recomputes them now"
            data-testid="case-evaluate"
          >
            Re-evaluate
          </button>
          {data.status === 'open' ? (
            <button type="button" className="button" onClick={() => setClosing(true)} data-testid="case-close">
              Close case…
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={() => setReopening(true)} data-testid="case-reopen">
              Reopen…
            </button>
          )}
        </div>
      </div>
      {c.error ? <ProblemView problem={c.error} /> : null}
      {data.status === 'closed' ? (
        <div className="notice" role="status" data-testid="case-closed">
          <strong>Closed</strong> {data.closedAt ? formatInZone(data.closedAt, userZone) : ''}
          {data.closedBy ? ` by ${data.closedBy}` : ''}: <span data-testid="case-resolution">{data.resolution}</span>
          {data.forcedCloseReason ? (
            <div className="small text-warn" data-testid="case-forced-reason">
              Closed with open obligations: {data.forcedCloseReason}
            </div>
          ) : null}
        </div>
      ) : null}

      <section className="card" aria-labelledby="obligations-heading" data-testid="obligations">
        <div className="section-head section-head-padded">
          <h2 id="obligations-heading">
            Obligations <span className="count">{active.length}</span>
          </h2>
          <span className="small muted">Due times in {userZone}; the zone that defines each deadline underneath.</span>
        </div>
        {active.length === 0 ? (
          <EmptyState title="No obligations yet" testId="obligations-empty">
            Record the facts below (markets, when you became aware, the risk assessment): the obligations follow from them.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table table-compact table-obligations" data-testid="obligation-table">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Obligation</th>
                  <th scope="col">Due</th>
                  <th scope="col">Time left</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {active.map((o) => (
                  <ObligationRow key={o.id} o={o} now={now} userZone={userZone} onFulfil={() => setFulfilling(o)} onDismiss={() => setDismissing(o)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <TasksPanel detail={data} users={users.data ?? []} now={now} userZone={userZone} onChanged={c.reload} />

      <CaseDocuments detail={data} userZone={userZone} />

      <div className="case-grid">
        <FactsSection detail={data} onSaved={(d) => c.setData(() => d)} />
        <div className="case-side">
          <RolesPanel detail={data} users={users.data ?? []} onChanged={c.reload} />
          <LinksPanel detail={data} onChanged={c.reload} />
          <MissingFacts detail={data} />
          <NotApplicableList detail={data} userZone={userZone} />
          <DecisionTrace detail={data} />
        </div>
      </div>

      <Timeline detail={data} userZone={userZone} />

      <FulfilDialog caseId={data.id} obligation={fulfilling} onClose={() => setFulfilling(null)} onDone={done} />
      <NotApplicableDialog caseId={data.id} obligation={dismissing} onClose={() => setDismissing(null)} onDone={done} />
      <CloseCaseDialog
        detail={data}
        open={closing}
        onClose={() => setClosing(false)}
        onDone={(d) => {
          setClosing(false);
          c.setData(() => d);
        }}
      />
      <ReopenDialog
        detail={data}
        open={reopening}
        onClose={() => setReopening(false)}
        onDone={(d) => {
          setReopening(false);
          c.setData(() => d);
        }}
      />
    </div>
  );
}

function CaseLinks({ links }: { links: CaseLink[] }) {
  const productId = links.find((l) => l.type === 'product')?.id ?? null;
  const releaseId = links.find((l) => l.type === 'release')?.id ?? null;
  const findingId = links.find((l) => l.type === 'finding')?.id ?? null;
  const product = useResource(() => (productId ? api.getProduct(productId) : Promise.resolve(null)), [productId]);
  const release = useResource(() => (releaseId ? api.getRelease(releaseId) : Promise.resolve(null)), [releaseId]);
  const p = product.data;
  const r = release.data;
  return (
    <>
      {p ? (
        <Link to={productPath(p.slug)} className="strong-link" data-testid="case-product-link">
          {p.name}
        </Link>
      ) : null}
      {p && r ? (
        <Link to={releasePath(p.slug, r.id)} className="strong-link" data-testid="case-release-link">
          Release {r.version}
          {r.variant ? ` (${r.variant})` : ''}
        </Link>
      ) : null}
      {findingId ? (
        <span className="muted" data-testid="case-finding">
          {p && r ? (
            <Link to={`${releasePath(p.slug, r.id)}?tab=findings`}>Finding {findingId}</Link>
          ) : (
            `Finding ${findingId}`
          )}
        </span>
      ) : null}
    </>
  );
}

function ObligationRow({ o, now, userZone, onFulfil, onDismiss }: { o: CaseObligation; now: number; userZone: string; onFulfil: () => void; onDismiss: () => void }) {
  const status = statusAt(o, now);
  const open = isOpenStatus(status);
  return (
    <tr className={`obligation-row obligation-${status}`} data-testid="obligation-row" data-key={o.key} data-status={status}>
      <td>
        <ObligationStatusBadge status={status} late={o.late} />
      </td>
      <td>
        <div className="cell-title">
          <span className="obligation-title">{o.title}</span>
          {o.provisional ? (
            <span className="badge badge-warn" title={`Rests on assumptions: ${o.assumptions.join('; ')}`}>
              Provisional
            </span>
          ) : null}
        </div>
        <div className="small muted">
          {o.citation} · <span className="mono">{o.key}</span>
        </div>
        {o.trigger ? (
          <div className="small muted">
            From {factLabel(o.trigger.fact)} {formatInZone(o.trigger.at, o.trigger.zone)}
          </div>
        ) : null}
      </td>
      <td>
        <DueCell o={o} userZone={userZone} />
      </td>
      <td className="nowrap" data-testid="obligation-left">
        {open && o.dueAt ? <span className={status === 'overdue' ? 'text-danger strong' : undefined}>{formatTimeLeft(Date.parse(o.dueAt) - now)}</span> : null}
        {status === 'fulfilled' ? (
          <div className="small" data-testid="obligation-fulfilment">
            {o.fulfilledAt ? formatInZone(o.fulfilledAt, userZone) : ''}
            {o.reference ? (
              <div>
                Ref. <span className="mono" data-testid="obligation-reference">{o.reference}</span>
              </div>
            ) : null}
            {o.document ? (
              <div className="muted" title={`SHA-256 ${o.document.sha256}`} data-testid="obligation-document">
                {o.document.name} · {formatBytes(o.document.byteSize)}
              </div>
            ) : null}
          </div>
        ) : null}
      </td>
      <td className="num nowrap">
        {open ? (
          <>
            <button type="button" className="button button-small" onClick={onFulfil} data-testid="obligation-fulfil">
              Fulfil
            </button>{' '}
            <button type="button" className="button button-small button-ghost" onClick={onDismiss} data-testid="obligation-na">
              N/A
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}

function focusField(path: string) {
  const field = fieldOfFactPath(path);
  if (!field) return;
  const el = document.getElementById(`fact-${fieldKey(field.path)}`);
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}

function MissingFacts({ detail }: { detail: CaseDetail }) {
  const missing = detail.evaluatedNow.missingFacts;
  return (
    <section className="card" aria-labelledby="missing-heading" data-testid="missing-facts">
      <div className="section-head section-head-padded">
        <h2 id="missing-heading">
          Facts to record <span className="count">{missing.length}</span>
        </h2>
      </div>
      {missing.length === 0 ? (
        <p className="small muted card-pad">The engine has every fact it asks for.</p>
      ) : (
        <ul className="missing-list">
          {missing.map((m) => (
            <li key={m.path} data-testid="missing-fact" data-path={m.path}>
              {fieldOfFactPath(m.path) ? (
                <button type="button" className="link-button strong" onClick={() => focusField(m.path)}>
                  {factLabel(m.path)}
                </button>
              ) : (
                <strong>{factLabel(m.path)}</strong>
              )}
              <div className="small">{m.why}</div>
              <div className="small muted">
                For {m.neededFor.join(', ')}
                {m.assumed ? ` · meanwhile assumed: ${m.assumed}` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NotApplicableList({ detail, userZone }: { detail: CaseDetail; userZone: string }) {
  const stored = detail.obligations.filter((o) => o.status === 'not-applicable');
  const storedRules = new Set(stored.map((o) => o.ruleId));
  const engine = detail.evaluatedNow.notApplicable.filter((n) => !storedRules.has(n.ruleId));
  const total = stored.length + engine.length;
  return (
    <section className="card" aria-labelledby="na-heading" data-testid="not-applicable">
      <details>
        <summary className="section-head section-head-padded">
          <h2 id="na-heading">
            Not applicable <span className="count" data-testid="na-count">{total}</span>
          </h2>
        </summary>
        <ul className="na-list">
          {stored.map((o) => (
            <li key={o.id} data-testid="na-item" data-key={o.key}>
              <strong>{o.title}</strong>
              <div className="small">{o.naReason}</div>
              <div className="small muted">
                {o.naSource === 'user' ? `Signed by ${o.naBy ?? 'someone'}${o.naAt ? ` ${formatInZone(o.naAt, userZone)}` : ''}` : `No longer applies${o.naAt ? ` since ${formatInZone(o.naAt, userZone)}` : ''}`} · {o.citation}
              </div>
            </li>
          ))}
          {engine.map((n) => (
            <li key={n.ruleId} data-testid="na-item" data-key={n.ruleId}>
              <strong>{n.title}</strong>
              <div className="small">{n.reason}</div>
              <div className="small muted">
                {n.code} · {n.citation}
                {n.reconsiderAt ? ` · reconsidered ${formatInZone(n.reconsiderAt, userZone)}` : ''}
              </div>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function DecisionTrace({ detail }: { detail: CaseDetail }) {
  const trace = detail.evaluatedNow.trace ?? [];
  return (
    <section className="card" aria-labelledby="trace-heading" data-testid="decision-trace">
      <details>
        <summary className="section-head section-head-padded">
          <h2 id="trace-heading">
            Why: decision trace <span className="count">{trace.length}</span>
          </h2>
        </summary>
        <ol className="na-list trace-list">
          {trace.map((t, i) => (
            <li key={i} className="small">
              <span className="mono muted">
                {t.packId} {t.step}
              </span>{' '}
              {t.text}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

function FactsSection({ detail, onSaved }: { detail: CaseDetail; onSaved: (d: CaseDetail) => void }) {
  const factsJson = JSON.stringify(detail.facts);
  const base = useMemo(() => formFromFacts(detail.facts, browserZone()), [factsJson]);
  const [form, setForm] = useState<FactsForm>(base);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const shown = useRef(base);
  // New facts from the server (a save, a fulfilment): keep the edits not saved yet on top of them.
  useEffect(() => {
    const previous = shown.current;
    shown.current = base;
    setForm((current) => rebaseForm(previous, current, base));
  }, [base]);

  const changed = changedFields(base, form);
  const invalid = factErrorsByField(problem?.errors);
  const set = (key: string, value: FieldValue) => {
    setSaved(null);
    setForm((f) => ({ ...f, values: { ...f.values, [key]: value } }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch = buildFactsPatch(base, form);
    if (Object.keys(patch).length === 0) return;
    setBusy(true);
    setProblem(null);
    try {
      const d = await api.setCaseFacts(detail.id, patch, note.trim() || undefined);
      setNote('');
      setSaved(d.changed);
      onSaved(d);
    } catch (error) {
      setProblem(toProblemOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="facts-heading" data-testid="facts">
      <div className="section-head section-head-padded">
        <h2 id="facts-heading">Facts</h2>
        <label className="small facts-zone">
          Case time zone{' '}
          <ZoneSelect id="fact-timeZone" label="Case time zone" value={form.timeZone} onChange={(z) => setForm((f) => ({ ...f, timeZone: z }))} testId="fact-timeZone" />
        </label>
      </div>
      <form
        className="facts-form"
        onSubmit={submit}
        data-testid="facts-form"
        onKeyDown={(e) => {
          // Ctrl+S / ⌘S saves the facts.
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
            e.preventDefault();
            e.currentTarget.requestSubmit();
          }
        }}
      >
        {problem ? <ProblemView problem={problem} testId="facts-problem" /> : null}
        {FACT_GROUPS.map((g) => (
          <fieldset key={g.id} className="facts-group">
            <legend>{g.label}</legend>
            {g.fields.map((f) => (
              <FactInput
                key={fieldKey(f.path)}
                field={f}
                value={form.values[fieldKey(f.path)]!}
                onChange={(v) => set(fieldKey(f.path), v)}
                changed={changed.includes(fieldKey(f.path))}
                error={invalid[fieldKey(f.path)] ?? null}
              />
            ))}
          </fieldset>
        ))}
        <div className="facts-save">
          <input className="facts-note" aria-label="Note for the timeline" placeholder="Note for the timeline (optional): source, who told you…" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="facts-note" />
          <span className="small muted" aria-live="polite" data-testid="facts-state">
            {changed.length ? `${changed.length} unsaved ${changed.length === 1 ? 'change' : 'changes'}` : saved !== null ? `Saved (${saved} ${saved === 1 ? 'change' : 'changes'})` : ''}
          </span>
          <button type="button" className="button" disabled={!changed.length || busy} onClick={() => setForm(base)}>
            Discard
          </button>
          <button type="submit" className="button button-primary" disabled={!changed.length || busy} title="Ctrl+S" data-testid="facts-save">
            {busy ? 'Saving…' : 'Save facts'}
          </button>
        </div>
      </form>
    </section>
  );
}

function FactInput({ field, value, onChange, changed, error }: { field: FactField; value: FieldValue; onChange: (v: FieldValue) => void; changed: boolean; error: string | null }) {
  const key = fieldKey(field.path);
  const id = `fact-${key}`;
  const label = (
    <label htmlFor={field.kind === 'markets' ? undefined : id} className="fact-label">
      {field.label}
      {field.hint ? <span className="fact-hint"> {field.hint}</span> : null}
    </label>
  );
  let control;
  if (field.kind === 'time') {
    const t = value as TimeValue;
    control = (
      <span className="time-input">
        <input id={id} type="datetime-local" value={t.at} onChange={(e) => onChange({ ...t, at: e.target.value })} data-testid={id} />
        <ZoneSelect id={`${id}-zone`} label={`${field.label}: time zone`} value={t.zone} onChange={(zone) => onChange({ ...t, zone })} testId={`${id}-zone`} />
        <button type="button" className="icon-button" aria-label={`Clear ${field.label}`} disabled={!t.at} onClick={() => onChange({ ...t, at: '' })}>
          ×
        </button>
      </span>
    );
  } else if (field.kind === 'markets') {
    const markets = value as string[];
    control = (
      <span className="chips" role="group" aria-label={field.label}>
        {MARKETS.map((m) => (
          <label key={m} className="check">
            <input
              id={m === MARKETS[0] ? id : undefined}
              type="checkbox"
              checked={markets.includes(m)}
              onChange={(e) => onChange(e.target.checked ? [...markets, m] : markets.filter((x) => x !== m))}
              data-testid={`${id}-${m}`}
            />{' '}
            {m}
          </label>
        ))}
      </span>
    );
  } else {
    const options = field.kind === 'flag' ? [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] : (field.options ?? []);
    control = (
      <select id={id} value={value as string} onChange={(e) => onChange(e.target.value)} data-testid={id}>
        <option value="">— not recorded</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <div className={`fact-row${changed ? ' is-changed' : ''}${error ? ' is-invalid' : ''}`}>
      {label}
      {control}
      {error ? <p className="field-error fact-error">{error}</p> : null}
    </div>
  );
}

function Timeline({ detail, userZone }: { detail: CaseDetail; userZone: string }) {
  const rows = [...detail.timeline].reverse();
  return (
    <section className="card" aria-labelledby="timeline-heading" data-testid="timeline">
      <div className="section-head section-head-padded">
        <h2 id="timeline-heading">
          Timeline <span className="count">{rows.length}</span>
        </h2>
      </div>
      <div className="table-scroll">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Changed</th>
              <th scope="col">By</th>
              <th scope="col">Fact</th>
              <th scope="col">Value</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id} data-testid="timeline-row" data-path={t.path}>
                <td className="mono small nowrap">{formatInZone(t.changedAt, userZone)}</td>
                <td className="small">{t.changedBy}</td>
                <td className="small">{factLabel(t.path)}</td>
                <td className="small" title={t.instant ? `${t.instant} (UTC)` : undefined}>
                  {formatFactValue(t.value, t.timeZone)}
                  {t.instant ? <div className="muted mono">{formatInZone(t.instant, userZone)}</div> : null}
                </td>
                <td className="small muted">{t.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
