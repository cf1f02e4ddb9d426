// Feed status: one row per intelligence source, with a "Sync now" button and live progress.
import { Fragment, useEffect, useState } from 'react';
import { api } from '../api.ts';
import type { FeedStatus, Problem } from '../api.ts';
import { formatCount, formatDateTime } from '../format.ts';
import { formatDuration, formatRate, formatRelative, formatWatermark, sourceLabel } from '../intel.ts';
import { useDocumentTitle } from '../router.ts';
import { Badge, EmptyState, ProblemView, ProgressBar, Spinner, toProblemOf, useResource } from '../ui.tsx';
import type { Tone } from '../ui.tsx';
import { useNow } from './intel-ui.tsx';

const POLL_MS = 2000;
/** After "Sync now", keep polling this long even if the job has not started running yet. */
const AWAIT_START_MS = 20_000;

const STATUS: Record<string, { label: string; tone: Tone }> = {
  idle: { label: 'Idle', tone: 'neutral' },
  running: { label: 'Running', tone: 'accent' },
  failed: { label: 'Failed', tone: 'danger' },
};

const FEED_DESCRIPTIONS: Record<string, string> = {
  osv: 'Open Source Vulnerabilities',
  ghsa: 'GitHub Advisory Database',
  nvd: 'NIST National Vulnerability Database',
  csaf: 'Vendor CSAF advisories',
  kev: 'Known Exploited Vulnerabilities',
  epss: 'Exploit Prediction Scoring',
  cve: 'CVE List',
};

type SyncState = { at: number; message: string | null; problem: Problem | null };

export function FeedsPage() {
  useDocumentTitle('Feeds');
  const feeds = useResource(() => api.listFeeds(), []);
  const [syncs, setSyncs] = useState<Record<string, SyncState>>({});
  const [starting, setStarting] = useState<ReadonlySet<string>>(new Set());
  const now = useNow(15_000);
  const items = feeds.data ?? [];

  const anyRunning = items.some((f) => f.status === 'running');
  const awaitingStart = Object.values(syncs).some((s) => !s.problem && Date.now() - s.at < AWAIT_START_MS);
  const polling = anyRunning || awaitingStart;
  useEffect(() => {
    if (!polling || feeds.loading) return;
    const timer = setTimeout(feeds.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [polling, feeds.loading, feeds.data, feeds.reload]);

  async function syncNow(source: string) {
    if (starting.has(source)) return;
    setStarting((s) => new Set(s).add(source));
    setSyncs((s) => ({ ...s, [source]: { at: Date.now(), message: 'Starting…', problem: null } }));
    try {
      const { jobId } = await api.syncFeed(source);
      setSyncs((s) => ({ ...s, [source]: { at: Date.now(), message: `Sync queued (job ${jobId.slice(0, 8)})`, problem: null } }));
    } catch (error) {
      const problem = toProblemOf(error);
      if (problem.code === 'FEED_SYNC_RUNNING') {
        setSyncs((s) => ({ ...s, [source]: { at: Date.now(), message: 'A sync is already running', problem: null } }));
      } else {
        setSyncs((s) => ({ ...s, [source]: { at: Date.now(), message: null, problem } }));
      }
    } finally {
      setStarting((s) => {
        const next = new Set(s);
        next.delete(source);
        return next;
      });
    }
    feeds.reload();
  }

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Feeds</h1>
          <p className="page-sub">Where vulnerability intelligence comes from, how fresh it is, and what could not be read.</p>
        </div>
        <div className="page-actions">
          {polling ? (
            <span className="live-note" data-testid="feeds-polling">
              <span className="live-dot" aria-hidden="true" /> Updating every {POLL_MS / 1000} s
            </span>
          ) : null}
          <button type="button" className="button" onClick={feeds.reload} disabled={feeds.loading}>
            Refresh
          </button>
        </div>
      </div>

      {feeds.error ? <ProblemView problem={feeds.error} /> : null}
      {feeds.loading && !feeds.data ? <Spinner label="Loading feed status…" /> : null}
      {feeds.data && items.length === 0 ? <EmptyState title="No feeds configured" /> : null}

      {items.length > 0 ? (
        <div className="card table-card">
          <table className="table table-feeds" data-testid="feeds-table">
            <thead>
              <tr>
                <th scope="col">Feed</th>
                <th scope="col">Status</th>
                <th scope="col">Last success</th>
                <th scope="col">Lag</th>
                <th scope="col" className="num">
                  Records
                </th>
                <th scope="col" className="num">
                  Problems
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((feed) => (
                <FeedRows
                  key={feed.source}
                  feed={feed}
                  now={now}
                  sync={syncs[feed.source] ?? null}
                  starting={starting.has(feed.source)}
                  onSync={() => void syncNow(feed.source)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function FeedRows({ feed: f, now, sync, starting, onSync }: { feed: FeedStatus; now: Date; sync: SyncState | null; starting: boolean; onSync: () => void }) {
  const status = STATUS[f.status] ?? { label: f.status, tone: 'neutral' as Tone };
  const running = f.status === 'running';
  const watermark = formatWatermark(f.watermark, 48);
  // The "queued" note only bridges the gap until the job shows up as running; the progress takes over then.
  const note = sync?.message && !running && now.getTime() - sync.at < AWAIT_START_MS ? sync.message : null;
  const hasDetail = running || !!f.lastError || f.recentProblems.length > 0 || !!note || !!sync?.problem;
  return (
    <Fragment>
      <tr data-testid="feed-row" data-source={f.source} data-status={f.status} className={hasDetail ? 'feed-row has-detail' : 'feed-row'}>
        <td>
          <div className="strong-link feed-name">{sourceLabel(f.source)}</div>
          <div className="cell-sub">{FEED_DESCRIPTIONS[f.source] ?? f.source}</div>
          {watermark ? (
            <div className="cell-sub mono feed-watermark" title={typeof f.watermark === 'string' ? f.watermark : JSON.stringify(f.watermark, null, 2)}>
              at {watermark}
            </div>
          ) : null}
        </td>
        <td>
          <Badge tone={status.tone} testId="feed-status">
            {running ? <span className="live-dot" aria-hidden="true" /> : null}
            {status.label}
          </Badge>
        </td>
        <td>
          {f.lastSuccessAt ? (
            <>
              <div title={f.lastSuccessAt}>{formatRelative(f.lastSuccessAt, now)}</div>
              <div className="cell-sub">{formatDateTime(f.lastSuccessAt)}</div>
            </>
          ) : (
            <span className="muted">Never</span>
          )}
        </td>
        <td className="nowrap">{f.lagSeconds === null ? <span className="muted">—</span> : formatDuration(f.lagSeconds)}</td>
        <td className="num">{formatCount(f.recordsTotal)}</td>
        <td className={f.problemsTotal > 0 ? 'num text-warn' : 'num'}>{formatCount(f.problemsTotal)}</td>
        <td className="num">
          <button type="button" className="button button-small" onClick={onSync} disabled={running || starting || !!note} data-testid={`feed-sync-${f.source}`}>
            {running ? 'Syncing…' : starting || note ? 'Starting…' : 'Sync now'}
          </button>
        </td>
      </tr>
      {hasDetail ? (
        <tr className="feed-detail-row">
          <td colSpan={7}>
            <div className="feed-detail">
              {note ? <p className="small muted" data-testid="feed-sync-note">{note}</p> : null}
              {sync?.problem ? <ProblemView problem={sync.problem} testId="feed-sync-problem" /> : null}
              {running ? <FeedProgress feed={f} /> : null}
              {f.lastError ? (
                <details className="feed-error" data-testid="feed-error">
                  <summary>
                    <span className="feed-error-label">Last error</span>
                    {f.lastErrorAt ? <span className="small"> {formatRelative(f.lastErrorAt, now)} · {formatDateTime(f.lastErrorAt)}</span> : null}
                    <span className="feed-error-first">{f.lastError.split('\n')[0]}</span>
                  </summary>
                  <pre className="feed-error-text">{f.lastError}</pre>
                </details>
              ) : null}
              {f.recentProblems.length > 0 ? (
                <details className="disclosure disclosure-small">
                  <summary>
                    Recent problems ({f.recentProblems.length} of {formatCount(f.problemsTotal)})
                  </summary>
                  <ul className="plain-list problem-list">
                    {f.recentProblems.map((p, i) => (
                      <li key={i}>
                        <span className="mono small">{p.recordId ?? '(no id)'}</span>
                        <span className="small muted break"> {p.location}</span>
                        <div className="small">{p.reason}</div>
                        <div className="small muted">{formatDateTime(p.occurredAt)}</div>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

function FeedProgress({ feed: f }: { feed: FeedStatus }) {
  const p = f.progress;
  return (
    <div className="feed-progress" data-testid="feed-progress">
      <ProgressBar done={p?.done ?? 0} total={p?.total ?? 0} label={`${sourceLabel(f.source)} sync progress`} />
      <div className="feed-progress-text small">
        <span>
          {p ? formatCount(p.done) : 0}
          {p?.total ? ` of ${formatCount(p.total)}` : ''} records
        </span>
        {p?.rate !== null && p?.rate !== undefined ? <span>{formatRate(p.rate)}</span> : null}
        {p?.etaSeconds !== null && p?.etaSeconds !== undefined ? <span>about {formatDuration(p.etaSeconds)} left</span> : null}
        {f.lastStartedAt ? <span className="muted">started {formatDateTime(f.lastStartedAt)}</span> : null}
      </div>
    </div>
  );
}
