// Case lifecycle on the case page: severity, close (refused while obligations are open, or forced
// with a reason) and reopen, documents with downloads, links, PSIRT roles, playbooks and tasks.
import { useEffect, useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { api, CASE_SEVERITIES, PSIRT_ROLES } from '../api.ts';
import type { CaseDetail, CaseLink, CaseSeverity, CaseTask, Problem, PsirtRole, TaskPatch, User } from '../api.ts';
import { formatInZone, formatTimeLeft, wallTime, zonedToInstant } from '../cases.ts';
import { formatBytes } from '../format.ts';
import { LINK_TYPE_LABELS, ROLE_LABELS, SEVERITY_LABELS, TASK_STATUS_LABELS, assignRole, openObligationsOf, taskDueState, userLabel } from '../lifecycle.ts';
import { casePath, productPath, releasePath } from '../router.ts';
import { Badge, Dialog, Link, ProblemView, toProblemOf, useAction, useDebounced, useResource } from '../ui.tsx';

/** The severity select of the case header: saved as soon as it changes. */
export function SeveritySelect({ detail, onChanged }: { detail: CaseDetail; onChanged: (d: CaseDetail) => void }) {
  const { busy, problem, run } = useAction();
  const [note, setNote] = useState<string | null>(null);
  async function change(severity: CaseSeverity) {
    setNote(null);
    await run(async () => {
      const d = await api.setCaseSeverity(detail.id, severity);
      onChanged(d);
      setNote(d.replanned ? `Saved; ${d.replanned} task${d.replanned === 1 ? '' : 's'} re-planned` : 'Saved');
    });
  }
  return (
    <span className="severity-edit">
      <label className="small muted" htmlFor="case-severity">
        Severity
      </label>{' '}
      <select
        id="case-severity"
        className={`severity-select severity-${detail.severity}`}
        value={detail.severity}
        disabled={busy}
        onChange={(e) => void change(e.target.value as CaseSeverity)}
        data-testid="case-severity"
      >
        {CASE_SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {SEVERITY_LABELS[s]}
          </option>
        ))}
      </select>
      {note ? (
        <span className="small muted" aria-live="polite" data-testid="case-severity-saved">
          {' '}
          {note}
        </span>
      ) : null}
      {problem ? <ProblemView problem={problem} testId="case-severity-problem" /> : null}
    </span>
  );
}

/**
 * Closes a case with a resolution note. When the server refuses because obligations are open, lists
 * them and offers to close anyway with a reason (at least 10 characters).
 */
export function CloseCaseDialog({ detail, open, onClose, onDone }: { detail: CaseDetail; open: boolean; onClose: () => void; onDone: (d: CaseDetail) => void }) {
  const [resolution, setResolution] = useState('');
  const [reason, setReason] = useState('');
  const [blockers, setBlockers] = useState<Problem | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    setResolution('');
    setReason('');
    setBlockers(null);
    setProblem(null);
    setBusy(false);
  }, [open]);
  const blocking = openObligationsOf(blockers);
  const forcing = blocking.length > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const d = await api.closeCase(detail.id, forcing ? { resolution: resolution.trim(), force: true, reason: reason.trim() } : { resolution: resolution.trim() });
      onDone(d);
    } catch (error) {
      const p = toProblemOf(error);
      if (p.code === 'CASE_OBLIGATIONS_OPEN') setBlockers(p);
      else setProblem(p);
      setBusy(false);
    }
  }
  const titleOf = (key: string) => detail.obligations.find((o) => o.key === key)?.title ?? key;

  return (
    <Dialog
      title={`Close case #${detail.number}`}
      open={open}
      onClose={onClose}
      testId="close-dialog"
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {forcing ? (
            <button type="submit" form={id} className="button button-primary" disabled={busy || !resolution.trim() || reason.trim().length < 10} data-testid="close-force">
              {busy ? 'Closing…' : 'Close anyway'}
            </button>
          ) : (
            <button type="submit" form={id} className="button button-primary" disabled={busy || !resolution.trim()} data-testid="close-submit">
              {busy ? 'Closing…' : 'Close case'}
            </button>
          )}
        </>
      }
    >
      <form id={id} className="form" onSubmit={submit} noValidate>
        {problem ? <ProblemView problem={problem} testId="close-problem" /> : null}
        <div className="field">
          <label htmlFor={`${id}-resolution`}>
            Resolution<span className="required" aria-hidden="true"> *</span>
          </label>
          <textarea id={`${id}-resolution`} rows={3} maxLength={5000} value={resolution} onChange={(e) => setResolution(e.target.value)} data-testid="close-resolution" />
          <p className="field-hint">How the case was resolved: the fix shipped, the reports sent, why nothing more is due.</p>
        </div>
        {forcing ? (
          <div className="problem" role="alert" data-testid="close-blocked" data-code="CASE_OBLIGATIONS_OPEN">
            <p className="problem-title">
              {blocking.length} obligation{blocking.length === 1 ? ' is' : 's are'} still open
            </p>
            <ul className="problem-errors">
              {blocking.map((b) => (
                <li key={b.key} data-testid="close-blocking" data-key={b.key}>
                  <strong>{titleOf(b.key)}</strong> <span className="mono small">{b.key}</span> · {b.status}
                  {b.dueAt ? ` · due ${formatInZone(b.dueAt, Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')}` : ''}
                </li>
              ))}
            </ul>
            <p className="problem-detail">Fulfil them or mark them not applicable, or close anyway with a reason the audit trail keeps.</p>
          </div>
        ) : null}
        {forcing ? (
          <div className="field">
            <label htmlFor={`${id}-reason`}>
              Why close with open obligations<span className="required" aria-hidden="true"> *</span>
            </label>
            <textarea id={`${id}-reason`} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="close-reason" />
            <p className="field-hint">At least 10 characters.</p>
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}

/** Reopens a closed case (with a reason); the server re-evaluates its obligations. */
export function ReopenDialog({ detail, open, onClose, onDone }: { detail: CaseDetail; open: boolean; onClose: () => void; onDone: (d: CaseDetail) => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    setReason('');
    setProblem(null);
    setBusy(false);
  }, [open]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      onDone(await api.reopenCase(detail.id, reason.trim()));
    } catch (error) {
      setProblem(toProblemOf(error));
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={`Reopen case #${detail.number}`}
      open={open}
      onClose={onClose}
      testId="reopen-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={id} className="button button-primary" disabled={busy || !reason.trim()} data-testid="reopen-submit">
            {busy ? 'Reopening…' : 'Reopen'}
          </button>
        </>
      }
    >
      <form id={id} className="form" onSubmit={submit} noValidate>
        {problem ? <ProblemView problem={problem} testId="reopen-problem" /> : null}
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            Reason<span className="required" aria-hidden="true"> *</span>
          </label>
          <input id={`${id}-reason`} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reopen-reason" />
        </div>
      </form>
    </Dialog>
  );
}

/** Every document stored with the case, with a download link and its SHA-256. */
export function CaseDocuments({ detail, userZone }: { detail: CaseDetail; userZone: string }) {
  const docs = detail.documents ?? [];
  const usedBy = (docId: string) => detail.obligations.filter((o) => o.document?.id === docId);
  return (
    <section className="card" aria-labelledby="documents-heading" data-testid="case-documents">
      <div className="section-head section-head-padded">
        <h2 id="documents-heading">
          Documents <span className="count">{docs.length}</span>
        </h2>
      </div>
      {docs.length === 0 ? (
        <p className="small muted card-pad">No documents yet: the documents sent when fulfilling obligations are kept here.</p>
      ) : (
        <div className="table-scroll">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Evidence of</th>
                <th scope="col">Size</th>
                <th scope="col">SHA-256</th>
                <th scope="col">Stored</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id} data-testid="document-row" data-id={d.id}>
                  <td>
                    <a href={api.caseDocumentUrl(detail.id, d.id)} download={d.name} data-testid="document-download">
                      {d.name}
                    </a>
                  </td>
                  <td className="small">
                    {usedBy(d.id).map((o) => (
                      <div key={o.id}>
                        {o.title} <span className="mono muted">{o.key}</span>
                      </div>
                    ))}
                  </td>
                  <td className="small nowrap">{formatBytes(d.byteSize)}</td>
                  <td className="mono small break" data-testid="document-sha256">
                    {d.sha256}
                  </td>
                  <td className="small nowrap">
                    {formatInZone(d.uploadedAt, userZone)}
                    <div className="muted">{d.uploadedBy}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Links: products, releases and findings, each removable; add with pickers (findings searched). */
export function LinksPanel({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const products = useResource(() => api.listProducts(), []);
  const [type, setType] = useState<CaseLink['type']>('product');
  const [productId, setProductId] = useState('');
  const [releaseId, setReleaseId] = useState('');
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 250);
  const releases = useResource(() => (productId ? api.listReleases(productId) : Promise.resolve([])), [productId]);
  const findings = useResource(() => (type === 'finding' && q ? api.listFindings({ q, limit: 8 }) : Promise.resolve({ items: [], total: 0 })), [type, q]);
  const action = useAction();
  const { busy, problem } = action;
  const productById = useMemo(() => new Map((products.data ?? []).map((p) => [p.id, p])), [products.data]);

  const run = (change: () => Promise<unknown>) =>
    action.run(async () => {
      await change();
      onChanged();
    });
  const add = (link: CaseLink) => run(() => api.addCaseLink(detail.id, link));
  const remove = (link: CaseLink) => run(() => api.removeCaseLink(detail.id, link));

  return (
    <section className="card" aria-labelledby="links-heading" data-testid="case-links">
      <div className="section-head section-head-padded">
        <h2 id="links-heading">
          Links <span className="count">{detail.links.length}</span>
        </h2>
      </div>
      <ul className="plain-list card-pad link-list">
        {detail.links.map((l) => (
          <li key={`${l.type}:${l.id}`} data-testid="case-link" data-type={l.type} data-id={l.id}>
            <span className="small muted">{LINK_TYPE_LABELS[l.type]}</span> <LinkTarget link={l} product={productById.get(l.id) ?? null} releaseId={detail.links.find((x) => x.type === 'release')?.id ?? null} />{' '}
            <button type="button" className="icon-button" aria-label={`Remove ${l.type} link ${l.id}`} disabled={busy} onClick={() => void remove(l)} data-testid="case-link-remove">
              ×
            </button>
          </li>
        ))}
        {detail.links.length === 0 ? <li className="small muted">Nothing linked.</li> : null}
      </ul>
      <div className="card-pad form link-add">
        {problem ? <ProblemView problem={problem} testId="links-problem" /> : null}
        <div className="toolbar">
          <select aria-label="Link type" value={type} onChange={(e) => setType(e.target.value as CaseLink['type'])} data-testid="link-type">
            <option value="product">Product</option>
            <option value="release">Release</option>
            <option value="finding">Finding</option>
          </select>
          {type !== 'finding' ? (
            <select aria-label="Product" value={productId} onChange={(e) => { setProductId(e.target.value); setReleaseId(''); }} data-testid="link-product">
              <option value="">Product…</option>
              {(products.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          ) : null}
          {type === 'release' ? (
            <select aria-label="Release" value={releaseId} onChange={(e) => setReleaseId(e.target.value)} disabled={!productId} data-testid="link-release">
              <option value="">Release…</option>
              {(releases.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.version}
                  {r.variant ? ` (${r.variant})` : ''}
                </option>
              ))}
            </select>
          ) : null}
          {type === 'finding' ? (
            <input type="search" className="search" placeholder="Search findings (CVE, component)…" aria-label="Search findings" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="link-finding-search" />
          ) : null}
          {type !== 'finding' ? (
            <button
              type="button"
              className="button button-small"
              disabled={busy || (type === 'product' ? !productId : !releaseId)}
              onClick={() => void add(type === 'product' ? { type, id: productId } : { type, id: releaseId })}
              data-testid="link-add"
            >
              Add link
            </button>
          ) : null}
        </div>
        {type === 'finding' && q ? (
          <ul className="plain-list small" data-testid="link-finding-results">
            {(findings.data?.items ?? []).map((f) => (
              <li key={f.id}>
                <button type="button" className="link-button" disabled={busy} onClick={() => void add({ type: 'finding', id: f.id })} data-testid="link-finding-option" data-id={f.id}>
                  {f.vulnerability.primaryId} in {f.component.name}@{f.component.version ?? '?'} ({f.product.name} {f.release.version})
                </button>
              </li>
            ))}
            {findings.data && findings.data.items.length === 0 ? <li className="muted">No finding matches.</li> : null}
          </ul>
        ) : null}
      </div>
    </section>
  );
}

/** A link's target by name; a finding leads to the Findings tab of the case's release (there is no page per finding). */
function LinkTarget({ link, product, releaseId }: { link: CaseLink; product: { slug: string; name: string } | null; releaseId: string | null }) {
  const targetRelease = link.type === 'release' ? link.id : link.type === 'finding' ? releaseId : null;
  const release = useResource(() => (targetRelease ? api.getRelease(targetRelease) : Promise.resolve(null)), [targetRelease]);
  const releaseProduct = useResource(() => (release.data ? api.getProduct(release.data.productId) : Promise.resolve(null)), [release.data?.productId]);
  if (link.type === 'product') {
    return product ? <Link to={productPath(product.slug)}>{product.name}</Link> : <span className="mono small">{link.id}</span>;
  }
  if (link.type === 'release') {
    const r = release.data;
    const p = releaseProduct.data;
    return r && p ? (
      <Link to={releasePath(p.slug, r.id)}>
        {p.name} {r.version}
        {r.variant ? ` (${r.variant})` : ''}
      </Link>
    ) : (
      <span className="mono small">{link.id}</span>
    );
  }
  const r = release.data;
  const p = releaseProduct.data;
  return r && p ? <Link to={`${releasePath(p.slug, r.id)}?tab=findings`}>Finding {link.id}</Link> : <span>Finding {link.id}</span>;
}

/** PSIRT roles: one user per role; a change hands the role's open tasks to the new holder. */
export function RolesPanel({ detail, users, onChanged }: { detail: CaseDetail; users: User[]; onChanged: () => void }) {
  const { busy, problem, run } = useAction();
  const change = (role: PsirtRole, userId: string) =>
    run(async () => {
      await api.setCaseRoles(detail.id, assignRole(detail.roles, role, userId || null, PSIRT_ROLES));
      onChanged();
    });
  return (
    <section className="card" aria-labelledby="roles-heading" data-testid="case-roles">
      <div className="section-head section-head-padded">
        <h2 id="roles-heading">
          PSIRT roles <span className="count">{detail.roles.length}</span>
        </h2>
      </div>
      <div className="card-pad">
        {problem ? <ProblemView problem={problem} testId="roles-problem" /> : null}
        <table className="table table-compact">
          <tbody>
            {PSIRT_ROLES.map((role) => {
              const holder = detail.roles.find((r) => r.role === role)?.userId ?? '';
              return (
                <tr key={role}>
                  <th scope="row" className="small">
                    <label htmlFor={`role-${role}`}>{ROLE_LABELS[role]}</label>
                  </th>
                  <td>
                    <select id={`role-${role}`} value={holder} disabled={busy} onChange={(e) => void change(role, e.target.value)} data-testid={`role-${role}`}>
                      <option value="">Nobody</option>
                      {users.map((u) => (
                        <option key={u.id} value={u.id}>
                          {userLabel(u)}
                        </option>
                      ))}
                      {holder && !users.some((u) => u.id === holder) ? <option value={holder}>{holder}</option> : null}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function dueInput(dueAt: string | null, zone: string): string {
  return dueAt ? wallTime(dueAt, zone).replace(' ', 'T') : '';
}

/** A task's due time in the user's zone with time left (red when overdue). */
export function TaskDue({ task, now, userZone }: { task: Pick<CaseTask, 'dueAt' | 'status' | 'dueManual'>; now: number; userZone: string }) {
  if (!task.dueAt) return <span className="muted small">No due date</span>;
  const state = taskDueState(task, now);
  return (
    <>
      <div className="mono small nowrap" data-testid="task-due" title={`${task.dueAt} (UTC)${task.dueManual ? ' · set by hand' : ''}`}>
        {formatInZone(task.dueAt, userZone)}
        {task.dueManual ? ' ✎' : ''}
      </div>
      {task.status === 'open' ? (
        <div className={`small nowrap ${state === 'overdue' ? 'text-danger strong' : state === 'due-soon' ? 'text-warn' : 'muted'}`} data-testid="task-left">
          {formatTimeLeft(Date.parse(task.dueAt) - now)}
        </div>
      ) : null}
    </>
  );
}

/** Playbook and tasks: apply a playbook, work through the tasks, add ad-hoc ones. */
export function TasksPanel({ detail, users, now, userZone, onChanged }: { detail: CaseDetail; users: User[]; now: number; userZone: string; onChanged: () => void }) {
  const playbooks = useResource(() => api.listPlaybooks(), []);
  const tasks = detail.tasks ?? [];
  const applied = new Set(tasks.map((t) => t.playbook).filter((p): p is string => !!p));
  const available = (playbooks.data ?? []).filter((p) => !applied.has(p.id));
  const [playbook, setPlaybook] = useState('');
  const action = useAction();
  const { busy, problem } = action;
  const [editingDue, setEditingDue] = useState<{ id: string; value: string } | null>(null);
  const [title, setTitle] = useState('');
  const [role, setRole] = useState<PsirtRole | ''>('');
  const [due, setDue] = useState('');
  const open = detail.status === 'open';
  const chosen = available.some((p) => p.id === playbook) ? playbook : (available[0]?.id ?? '');

  const run = (change: () => Promise<unknown>): Promise<boolean> =>
    action.run(async () => {
      await change();
      onChanged();
    });
  const patch = (t: CaseTask, p: TaskPatch) => run(() => api.updateCaseTask(detail.id, t.id, p));

  async function addTask(event: FormEvent) {
    event.preventDefault();
    const dueAt = due ? zonedToInstant(due, userZone) : null;
    const ok = await run(() => api.addCaseTask(detail.id, { title: title.trim(), ...(role ? { role } : {}), ...(dueAt ? { dueAt } : {}) }));
    if (ok) {
      setTitle('');
      setRole('');
      setDue('');
    }
  }

  return (
    <section className="card" aria-labelledby="tasks-heading" data-testid="case-tasks">
      <div className="section-head section-head-padded">
        <h2 id="tasks-heading">
          Tasks <span className="count">{tasks.filter((t) => t.status === 'open').length}</span>
        </h2>
        {open && available.length ? (
          <span className="toolbar">
            <select aria-label="Playbook" value={chosen} onChange={(e) => setPlaybook(e.target.value)} data-testid="playbook-select">
              {available.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
            <button type="button" className="button button-small" disabled={busy || !chosen} onClick={() => void run(() => api.applyPlaybook(detail.id, chosen))} data-testid="playbook-apply">
              Apply playbook
            </button>
          </span>
        ) : null}
      </div>
      {problem ? (
        <div className="card-pad">
          <ProblemView problem={problem} testId="tasks-problem" />
        </div>
      ) : null}
      {tasks.length === 0 ? (
        <p className="small muted card-pad" data-testid="tasks-empty">
          No tasks yet. Apply a playbook (its tasks are due by the case severity, counted from when the case was opened) or add one below.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table table-compact" data-testid="task-table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Task</th>
                <th scope="col">Role</th>
                <th scope="col">Assignee</th>
                <th scope="col">Due ({userZone})</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((t) => {
                const state = taskDueState(t, now);
                return (
                  <tr key={t.id} className={state === 'overdue' ? 'row-overdue' : undefined} data-testid="task-row" data-key={t.templateKey ?? ''} data-status={t.status} data-id={t.id}>
                    <td>
                      <Badge tone={t.status === 'done' ? 'ok' : t.status === 'skipped' ? 'neutral' : state === 'overdue' ? 'danger' : 'accent'} testId="task-status">
                        {TASK_STATUS_LABELS[t.status]}
                      </Badge>
                    </td>
                    <td>
                      <div className="cell-title" data-testid="task-title">{t.title}</div>
                      <div className="small muted">
                        {t.playbook ? <span className="mono">{t.templateKey}</span> : 'ad hoc'}
                        {t.doneAt ? ` · ${t.status} ${formatInZone(t.doneAt, userZone)} by ${t.doneBy ?? '?'}` : ''}
                        {t.note ? ` · ${t.note}` : ''}
                      </div>
                    </td>
                    <td className="small nowrap" data-testid="task-role">{t.role ? ROLE_LABELS[t.role] : '—'}</td>
                    <td>
                      <select
                        aria-label={`Assignee of ${t.title}`}
                        value={t.assignee?.id ?? ''}
                        disabled={busy || !open}
                        onChange={(e) => void patch(t, { assigneeId: e.target.value || null })}
                        data-testid="task-assignee"
                      >
                        <option value="">Nobody</option>
                        {users.map((u) => (
                          <option key={u.id} value={u.id}>
                            {userLabel(u)}
                          </option>
                        ))}
                        {t.assignee && !users.some((u) => u.id === t.assignee?.id) ? <option value={t.assignee.id}>{userLabel(t.assignee)}</option> : null}
                      </select>
                    </td>
                    <td>
                      {editingDue?.id === t.id ? (
                        <form
                          className="toolbar"
                          onSubmit={(e) => {
                            e.preventDefault();
                            const at = editingDue.value ? zonedToInstant(editingDue.value, userZone) : null;
                            void patch(t, { dueAt: at }).then((ok) => ok && setEditingDue(null));
                          }}
                          onKeyDown={(e) => {
                            if (e.key === 'Escape') setEditingDue(null);
                          }}
                        >
                          <input
                            type="datetime-local"
                            className="time-input"
                            aria-label={`Due date of ${t.title} in ${userZone}`}
                            value={editingDue.value}
                            onChange={(e) => setEditingDue({ id: t.id, value: e.target.value })}
                            autoFocus
                            data-testid="task-due-input"
                          />
                          <button type="submit" className="button button-small" disabled={busy} data-testid="task-due-save">
                            Save
                          </button>
                        </form>
                      ) : (
                        <button
                          type="button"
                          className="link-button"
                          title="Change the due date"
                          disabled={!open}
                          onClick={() => setEditingDue({ id: t.id, value: dueInput(t.dueAt, userZone) })}
                          data-testid="task-due-edit"
                        >
                          <TaskDue task={t} now={now} userZone={userZone} />
                        </button>
                      )}
                    </td>
                    <td className="num nowrap">
                      {open && t.status === 'open' ? (
                        <>
                          <button type="button" className="button button-small" disabled={busy} onClick={() => void patch(t, { status: 'done' })} data-testid="task-done">
                            Done
                          </button>{' '}
                          <button type="button" className="button button-small button-ghost" disabled={busy} onClick={() => void patch(t, { status: 'skipped' })} data-testid="task-skip">
                            Skip
                          </button>
                        </>
                      ) : open ? (
                        <button type="button" className="button button-small button-ghost" disabled={busy} onClick={() => void patch(t, { status: 'open' })} data-testid="task-reopen">
                          Reopen
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {open ? (
        <form className="card-pad toolbar task-add" onSubmit={addTask} data-testid="task-add">
          <input aria-label="New task" placeholder="New task…" maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="task-add-title" />
          <select aria-label="Role of the new task" value={role} onChange={(e) => setRole(e.target.value as PsirtRole | '')} data-testid="task-add-role">
            <option value="">No role</option>
            {PSIRT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <input type="datetime-local" className="time-input" aria-label={`Due (${userZone})`} value={due} onChange={(e) => setDue(e.target.value)} data-testid="task-add-due" />
          <button type="submit" className="button button-small" disabled={busy || !title.trim()} data-testid="task-add-submit">
            Add task
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** A link to the case of a task (My tasks). */
export function CaseRef({ c }: { c: { number: number; title: string } }) {
  return (
    <Link to={casePath(c.number)} className="strong-link">
      #{c.number} {c.title}
    </Link>
  );
}
