// The notification outbox (/notifications, administrators): reminders and escalations, pending,
// delivered, dead or cancelled, with their attempts and errors; a dead one can be sent again.
import { useState } from 'react';
import { api, NOTIFICATION_STATES } from '../api.ts';
import type { NotificationState, OutboxNotification, Problem } from '../api.ts';
import { formatInZone } from '../cases.ts';
import { notificationCase, parseNotificationState } from '../lifecycle.ts';
import { casePath, navigate, usePathname, useDocumentTitle, useSearch } from '../router.ts';
import { Badge, EmptyState, Link, ProblemView, Spinner, toProblemOf, useResource } from '../ui.tsx';
import { browserZone } from './case-dialogs.tsx';

const STATE_TONES: Record<NotificationState, 'neutral' | 'ok' | 'warn' | 'danger' | 'accent'> = { pending: 'accent', delivered: 'ok', dead: 'danger', cancelled: 'neutral' };
const STATE_LABELS: Record<NotificationState | 'all', string> = { all: 'All', pending: 'Pending', delivered: 'Delivered', dead: 'Dead', cancelled: 'Cancelled' };

export function NotificationsPage() {
  useDocumentTitle('Notifications');
  const pathname = usePathname();
  const search = useSearch();
  const state = parseNotificationState(search);
  const list = useResource(() => api.listNotifications(state === 'all' ? undefined : state), [state]);
  const userZone = browserZone();
  const setState = (s: NotificationState | 'all') => navigate(`${pathname}${s === 'all' ? '' : `?state=${s}`}`, { replace: true });

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Notifications</h1>
          <p className="page-sub">Reminders and escalations of regulatory deadlines, newest first. Times in {userZone}.</p>
        </div>
      </div>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="State">
          {(['all', ...NOTIFICATION_STATES] as const).map((s) => (
            <button
              key={s}
              type="button"
              className={state === s ? 'segmented-item is-selected' : 'segmented-item'}
              aria-pressed={state === s}
              onClick={() => setState(s)}
              data-testid={`notifications-filter-${s}`}
            >
              {STATE_LABELS[s]}
            </button>
          ))}
        </div>
      </div>
      {list.error ? <ProblemView problem={list.error} testId="notifications-problem" /> : null}
      {!list.data && !list.error ? <Spinner label="Loading the outbox…" /> : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState title="No notifications" testId="notifications-empty">
          Reminders are written when an obligation's deadline comes near (docs/notifications.md).
        </EmptyState>
      ) : null}
      {list.data && list.data.length ? (
        <div className="card table-card">
          <table className="table table-compact" data-testid="notifications">
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Message</th>
                <th scope="col">To</th>
                <th scope="col">Case</th>
                <th scope="col">Attempts</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((n) => (
                <NotificationRow key={n.id} n={n} userZone={userZone} onRetried={(r) => list.setData((items) => items?.map((x) => (x.id === r.id ? r : x)))} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function NotificationRow({ n, userZone, onRetried }: { n: OutboxNotification; userZone: string; onRetried: (n: OutboxNotification) => void }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const c = notificationCase(n);
  async function retry() {
    setBusy(true);
    setProblem(null);
    try {
      onRetried(await api.retryNotification(n.id, 'retried from the notifications page'));
    } catch (error) {
      setProblem(toProblemOf(error));
    } finally {
      setBusy(false);
    }
  }
  const when = n.state === 'delivered' ? n.deliveredAt : n.state === 'dead' ? n.deadAt : n.state === 'cancelled' ? n.cancelledAt : n.nextAttemptAt;
  return (
    <tr data-testid="notification-row" data-id={n.id} data-state={n.state}>
      <td className="nowrap">
        <Badge tone={STATE_TONES[n.state]} testId="notification-state">
          {STATE_LABELS[n.state]}
        </Badge>
        <div className="small muted mono">{formatInZone(when, userZone)}</div>
      </td>
      <td>
        <div className="cell-title">{n.subject}</div>
        <div className="small muted">
          {n.taskId ? 'Task reminder' : n.obligationId ? 'Obligation reminder' : 'Message'} · written {formatInZone(n.createdAt, userZone)}
        </div>
      </td>
      <td className="small">
        <span className="muted">{n.channel === 'email' ? 'E-mail' : 'Webhook'}</span> <span className="mono break">{n.target}</span>
      </td>
      <td className="small">{c ? <Link to={casePath(c.ref)}>{c.label}</Link> : '—'}</td>
      <td className="small">
        {n.attempts}
        {n.lastError ? (
          <details className="disclosure disclosure-small">
            <summary className="text-danger">{n.lastError.length > 80 ? `${n.lastError.slice(0, 80)}…` : n.lastError}</summary>
            <ol className="plain-list mono small" data-testid="notification-errors">
              {n.errors.map((e, i) => (
                <li key={i}>
                  {formatInZone(e.at, userZone)}: {e.error}
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </td>
      <td className="num nowrap">
        {n.state === 'dead' ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void retry()} data-testid="notification-retry">
            Retry
          </button>
        ) : null}
        {problem ? <ProblemView problem={problem} testId="notification-retry-problem" /> : null}
      </td>
    </tr>
  );
}
