// Cases: the list (nearest deadline and overdue/due-soon counts from the deadline board) and the
// deadline board itself (every open obligation across the portfolio, by time left).
import { useState } from 'react';
import { api } from '../api.ts';
import type { BoardObligation, BoardState, CaseSummary } from '../api.ts';
import {
  BOARD_STATES,
  BOARD_STATE_LABELS,
  CASE_KIND_LABELS,
  deadlinesByCase,
  formatInZone,
  formatTimeLeft,
  parseBoardState,
  parseCaseStatusFilter,
  sortByTimeLeft,
  statusAt,
} from '../cases.ts';
import type { CaseDeadlines } from '../cases.ts';
import { formatCount } from '../format.ts';
import { SEVERITY_LABELS, SEVERITY_TONES } from '../lifecycle.ts';
import { casePath, navigate, useDocumentTitle, usePathname, useSearch } from '../router.ts';
import { Badge, EmptyState, Link, ProblemView, Spinner, useResource } from '../ui.tsx';
import { OpenCaseDialog, browserZone } from './case-dialogs.tsx';
import { DueCell, ObligationStatusBadge, useNow } from './case.tsx';

const STATUS_FILTERS = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
] as const;

export function CasesPage() {
  useDocumentTitle('Cases');
  const pathname = usePathname();
  const search = useSearch();
  const status = parseCaseStatusFilter(search);
  const cases = useResource(() => api.listCases(status === 'all' ? undefined : status), [status]);
  const board = useResource(() => api.deadlineBoard('open'), []);
  const now = useNow();
  const [creating, setCreating] = useState(false);
  const byCase = deadlinesByCase(board.data?.items ?? [], now);
  const items = cases.data ?? [];
  const userZone = browserZone();

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Cases</h1>
          <p className="page-sub">Regulatory cases: the facts recorded, and the reporting obligations and deadlines that follow from them.</p>
        </div>
        <div className="page-actions">
          <Link to="/deadlines" className="button">
            Deadline board
          </Link>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="new-case">
            New case
          </button>
        </div>
      </div>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Status">
          {STATUS_FILTERS.map((f) => (
            <button
              key={f.value}
              type="button"
              className={status === f.value ? 'segmented-item is-selected' : 'segmented-item'}
              aria-pressed={status === f.value}
              onClick={() => navigate(`${pathname}${f.value === 'open' ? '' : `?status=${f.value}`}`, { replace: true })}
              data-testid={`case-filter-${f.value}`}
            >
              {f.label}
            </button>
          ))}
        </div>
      </div>
      {cases.error ? <ProblemView problem={cases.error} /> : null}
      {board.error ? <ProblemView problem={board.error} /> : null}
      {cases.loading && !cases.data ? <Spinner label="Loading cases…" /> : null}
      {cases.data && items.length === 0 ? (
        <EmptyState title={status === 'open' ? 'No open cases' : 'No cases'} testId="cases-empty">
          Open a case from a finding (expand it on a release's Findings tab or on Findings) or start one by hand with New case.
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="card table-card">
          <table className="table table-compact" data-testid="case-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Next deadline</th>
                <th scope="col" className="num">
                  Overdue
                </th>
                <th scope="col" className="num">
                  Due soon
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <CaseRow key={c.id} c={c} d={byCase.get(c.id)} now={now} userZone={userZone} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <OpenCaseDialog open={creating} finding={null} onClose={() => setCreating(false)} />
    </div>
  );
}

function CaseRow({ c, d, now, userZone }: { c: CaseSummary; d: CaseDeadlines | undefined; now: number; userZone: string }) {
  const to = casePath(c.number);
  const nearest = d?.nearest ?? null;
  return (
    <tr
      className={d?.overdue ? 'row-link row-overdue' : 'row-link'}
      data-testid="case-row"
      data-number={c.number}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a,button')) return;
        navigate(to);
      }}
    >
      <td className="num mono">{c.number}</td>
      <td>
        <Link to={to} className="strong-link" data-testid="case-link">
          {c.title}
        </Link>
        {c.facts.product?.name ? <div className="cell-sub">{c.facts.product.name}</div> : null}
      </td>
      <td>{CASE_KIND_LABELS[c.kind]}</td>
      <td>
        {c.severity ? (
          <Badge tone={SEVERITY_TONES[c.severity]} testId="case-row-severity">
            {SEVERITY_LABELS[c.severity]}
          </Badge>
        ) : null}
      </td>
      <td>
        <Badge tone={c.status === 'open' ? 'ok' : 'neutral'}>{c.status === 'open' ? 'Open' : 'Closed'}</Badge>
      </td>
      <td data-testid="case-next-deadline">
        {nearest ? (
          <div className="next-deadline">
            <ObligationStatusBadge status={statusAt(nearest, now)} />
            <div>
              <div className="small">{nearest.title}</div>
              {nearest.dueAt ? (
                <div className="mono small muted">
                  {formatInZone(nearest.dueAt, userZone)} · {formatTimeLeft(Date.parse(nearest.dueAt) - now)}
                </div>
              ) : (
                <div className="small muted">No due date yet</div>
              )}
            </div>
          </div>
        ) : (
          <span className="muted small">{c.status === 'open' ? 'No open obligations' : '—'}</span>
        )}
      </td>
      <td className={d?.overdue ? 'num text-danger strong' : 'num'} data-testid="case-overdue">
        {formatCount(d?.overdue ?? 0)}
      </td>
      <td className={d?.dueSoon ? 'num text-warn strong' : 'num'} data-testid="case-due-soon">
        {formatCount(d?.dueSoon ?? 0)}
      </td>
    </tr>
  );
}

export function DeadlinesPage() {
  useDocumentTitle('Deadlines');
  const pathname = usePathname();
  const search = useSearch();
  const state = parseBoardState(search);
  const board = useResource(() => api.deadlineBoard(state), [state]);
  const cases = useResource(() => api.listCases('open'), []);
  const now = useNow();
  const userZone = browserZone();
  const products = new Map((cases.data ?? []).map((c) => [c.id, c.facts.product?.name ?? null]));
  const items = sortByTimeLeft(board.data?.items ?? []);
  const setState = (s: BoardState) => navigate(`${pathname}${s === 'open' ? '' : `?state=${s}`}`, { replace: true });

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Deadlines</h1>
          <p className="page-sub">Every open obligation across the portfolio, by time left. Due times in {userZone}.</p>
        </div>
        <div className="page-actions">
          <Link to="/cases" className="button">
            Cases
          </Link>
        </div>
      </div>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="State">
          {BOARD_STATES.map((s) => (
            <button
              key={s}
              type="button"
              className={state === s ? 'segmented-item is-selected' : 'segmented-item'}
              aria-pressed={state === s}
              onClick={() => setState(s)}
              data-testid={`board-filter-${s}`}
            >
              {BOARD_STATE_LABELS[s]}
            </button>
          ))}
        </div>
        {board.data ? (
          <span className="small muted" data-testid="board-total">
            {formatCount(items.length)} {items.length === 1 ? 'obligation' : 'obligations'}
          </span>
        ) : null}
      </div>
      {board.error ? <ProblemView problem={board.error} /> : null}
      {board.loading && !board.data ? <Spinner label="Loading deadlines…" /> : null}
      {board.data && items.length === 0 ? (
        <EmptyState title={state === 'overdue' ? 'Nothing overdue' : state === 'due-soon' ? 'Nothing due soon' : 'No open obligations'} testId="board-empty">
          Obligations appear here when the facts recorded on an open case start a regulatory clock.
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="card table-card">
          <table className="table table-compact table-board" data-testid="board-table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Time left</th>
                <th scope="col">Due</th>
                <th scope="col">Obligation</th>
                <th scope="col">Case</th>
                <th scope="col">Product</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <BoardRow key={o.id} o={o} now={now} userZone={userZone} product={products.get(o.case.id) ?? null} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function BoardRow({ o, now, userZone, product }: { o: BoardObligation; now: number; userZone: string; product: string | null }) {
  const status = statusAt(o, now);
  const to = casePath(o.case.number);
  return (
    <tr
      className={`row-link obligation-${status}${status === 'overdue' ? ' row-overdue' : ''}`}
      data-testid="board-row"
      data-key={o.key}
      data-case={o.case.number}
      data-status={status}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a,button')) return;
        navigate(to);
      }}
    >
      <td>
        <ObligationStatusBadge status={status} />
      </td>
      <td className={status === 'overdue' ? 'nowrap text-danger strong' : 'nowrap'} data-testid="board-left">
        {o.dueAt ? formatTimeLeft(Date.parse(o.dueAt) - now) : <span className="muted">—</span>}
      </td>
      <td>
        <DueCell o={o} userZone={userZone} />
      </td>
      <td>
        <div>{o.title}</div>
        <div className="small muted">{o.citation}</div>
      </td>
      <td>
        <Link to={to} className="strong-link" data-testid="board-case-link">
          #{o.case.number}
        </Link>{' '}
        <span className="small">{o.case.title}</span>
      </td>
      <td className="small">{product ?? <span className="muted">—</span>}</td>
    </tr>
  );
}

/** The number of overdue obligations across the portfolio, for the navigation; refreshed on navigation and every minute. */
export function OverdueBadge({ pathname }: { pathname: string }) {
  const now = useNow(60_000);
  const board = useResource(() => api.deadlineBoard('overdue'), [pathname, now]);
  const overdue = board.data?.items.length ?? 0;
  if (!overdue) return null;
  return (
    <span className="nav-badge nav-badge-danger" title={`${overdue} overdue ${overdue === 1 ? 'obligation' : 'obligations'}`} data-testid="nav-overdue">
      {overdue}
    </span>
  );
}
