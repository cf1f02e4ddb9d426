// "My tasks": open tasks assigned to the signed-in user across open cases, by due date; and the
// navigation badge with the number of those that are overdue.
import { api } from '../api.ts';
import type { PortfolioTask } from '../api.ts';
import { CASE_KIND_LABELS } from '../cases.ts';
import { ROLE_LABELS, SEVERITY_LABELS, SEVERITY_TONES, countOverdueTasks, sortTasksByDue, taskDueState } from '../lifecycle.ts';
import { useDocumentTitle } from '../router.ts';
import { Badge, EmptyState, ProblemView, Spinner, useResource } from '../ui.tsx';
import { useNow } from './case.tsx';
import { browserZone } from './case-dialogs.tsx';
import { CaseRef, TaskDue } from './case-lifecycle.tsx';

export function MyTasksPage() {
  useDocumentTitle('My tasks');
  const tasks = useResource(() => api.listTasks({ assignee: 'me', state: 'open' }), []);
  const now = useNow();
  const userZone = browserZone();
  const items = sortTasksByDue(tasks.data?.items ?? []);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>My tasks</h1>
          <p className="page-sub">Open tasks assigned to you across open cases, by due date. Due times in {userZone}.</p>
        </div>
      </div>
      {tasks.error ? <ProblemView problem={tasks.error} /> : null}
      {!tasks.data && !tasks.error ? <Spinner label="Loading your tasks…" /> : null}
      {tasks.data && items.length === 0 ? (
        <EmptyState title="Nothing assigned to you" testId="my-tasks-empty">
          Tasks come from playbooks applied to a case (assigned to whoever holds the task's PSIRT role) or are added by hand.
        </EmptyState>
      ) : null}
      {items.length ? (
        <div className="card table-card">
          <table className="table table-compact" data-testid="my-tasks">
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Task</th>
                <th scope="col">Role</th>
                <th scope="col">Case</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t: PortfolioTask) => (
                <tr key={t.id} className={taskDueState(t, now) === 'overdue' ? 'row-overdue' : undefined} data-testid="my-task-row" data-id={t.id}>
                  <td>
                    <TaskDue task={t} now={now} userZone={userZone} />
                  </td>
                  <td>
                    <div className="cell-title" data-testid="my-task-title">{t.title}</div>
                    {t.note ? <div className="small muted">{t.note}</div> : null}
                  </td>
                  <td className="small nowrap">{t.role ? ROLE_LABELS[t.role] : '—'}</td>
                  <td>
                    <CaseRef c={t.case} />
                    <div className="small">
                      <Badge tone={SEVERITY_TONES[t.case.severity]}>{SEVERITY_LABELS[t.case.severity]}</Badge> <span className="muted">{CASE_KIND_LABELS[t.case.kind]}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** The number of my open overdue tasks, for the navigation (refreshed on navigation and every minute). */
export function MyOverdueBadge({ pathname }: { pathname: string }) {
  const now = useNow(60_000);
  const tasks = useResource(() => api.listTasks({ assignee: 'me', state: 'open' }), [pathname, now]);
  const overdue = countOverdueTasks(tasks.data?.items ?? [], now);
  if (!overdue) return null;
  return (
    <span className="nav-badge nav-badge-danger" title={`${overdue} overdue ${overdue === 1 ? 'task' : 'tasks'} assigned to you`} data-testid="nav-tasks-overdue">
      {overdue}
    </span>
  );
}
