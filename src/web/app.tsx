// Application shell: session check, sign-in gate, top bar and routes.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.ts';
import type { User } from './api.ts';
import { matchRoute, usePathname, useDocumentTitle } from './router.ts';
import { EmptyState, Link, Spinner, toProblemOf } from './ui.tsx';
import type { Problem } from './api.ts';
import { SignInPage } from './pages/sign-in.tsx';
import { PortfolioPage } from './pages/portfolio.tsx';
import { ProductPage } from './pages/product.tsx';
import { VulnerabilitiesPage } from './pages/vulnerabilities.tsx';
import { VulnerabilityPage } from './pages/vulnerability.tsx';
import { FeedsPage } from './pages/feeds.tsx';
import { FindingsPage } from './pages/findings.tsx';
import { CasePage } from './pages/case.tsx';
import { CasesPage, DeadlinesPage, OverdueBadge } from './pages/cases.tsx';
import { NotificationsPage } from './pages/notifications.tsx';
import { ClockSettingsPage } from './pages/settings.tsx';
import { UsersPage } from './pages/users.tsx';
import { MyOverdueBadge, MyTasksPage } from './pages/tasks.tsx';

type AuthState = { status: 'checking' } | { status: 'signed-out'; problem: Problem | null } | { status: 'signed-in'; user: User };

export function App() {
  const [auth, setAuth] = useState<AuthState>({ status: 'checking' });

  useEffect(() => {
    api.onUnauthorized = () => setAuth({ status: 'signed-out', problem: null });
    api.session().then(
      (session) => setAuth({ status: 'signed-in', user: session.user }),
      (error: unknown) => {
        const problem = toProblemOf(error);
        setAuth({ status: 'signed-out', problem: problem.code === 'AUTH_REQUIRED' ? null : problem });
      },
    );
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // the session is gone either way
    }
    setAuth({ status: 'signed-out', problem: null });
  }, []);

  if (auth.status === 'checking') {
    return (
      <div className="boot">
        <Spinner label="Loading Vigil…" />
      </div>
    );
  }
  if (auth.status === 'signed-out') {
    return (
      <SignInPage
        notice={auth.problem}
        onSignedIn={(session) => setAuth({ status: 'signed-in', user: session.user })}
      />
    );
  }
  return <Shell user={auth.user} onSignOut={signOut} />;
}

function Shell({ user, onSignOut }: { user: User; onSignOut: () => void }) {
  const pathname = usePathname();
  const route = matchRoute(pathname);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="wordmark" aria-label="Vigil home">
          <span className="wordmark-mark" aria-hidden="true" />
          Vigil
        </Link>
        <nav className="topnav" aria-label="Main">
          <Link to="/" className="topnav-link" aria-current={route.name === 'portfolio' || route.name === 'product' ? 'page' : undefined}>
            Products
          </Link>
          <Link to="/findings" className="topnav-link" aria-current={route.name === 'findings' ? 'page' : undefined}>
            Findings
          </Link>
          <Link to="/vulnerabilities" className="topnav-link" aria-current={route.name === 'vulnerabilities' || route.name === 'vulnerability' ? 'page' : undefined}>
            Vulnerabilities
          </Link>
          <Link to="/cases" className="topnav-link" aria-current={route.name === 'cases' || route.name === 'case' ? 'page' : undefined}>
            Cases
          </Link>
          <Link to="/deadlines" className="topnav-link" aria-current={route.name === 'deadlines' ? 'page' : undefined} data-testid="nav-deadlines">
            Deadlines
            <OverdueBadge pathname={pathname} />
          </Link>
          <Link to="/tasks" className="topnav-link" aria-current={route.name === 'tasks' ? 'page' : undefined} data-testid="nav-tasks">
            My tasks
            <MyOverdueBadge pathname={pathname} />
          </Link>
          <Link to="/feeds" className="topnav-link" aria-current={route.name === 'feeds' ? 'page' : undefined}>
            Feeds
          </Link>
        </nav>
        <UserMenu user={user} onSignOut={onSignOut} />
      </header>
      <main id="main" className="main">
        {route.name === 'portfolio' ? <PortfolioPage /> : null}
        {route.name === 'product' ? <ProductPage key={route.slug} slug={route.slug} releaseId={route.releaseId} /> : null}
        {route.name === 'vulnerabilities' ? <VulnerabilitiesPage /> : null}
        {route.name === 'vulnerability' ? <VulnerabilityPage key={route.id} id={route.id} /> : null}
        {route.name === 'findings' ? <FindingsPage /> : null}
        {route.name === 'feeds' ? <FeedsPage /> : null}
        {route.name === 'cases' ? <CasesPage /> : null}
        {route.name === 'case' ? <CasePage key={route.id} id={route.id} /> : null}
        {route.name === 'deadlines' ? <DeadlinesPage /> : null}
        {route.name === 'tasks' ? <MyTasksPage /> : null}
        {route.name === 'settings-clocks' ? <ClockSettingsPage user={user} /> : null}
        {route.name === 'notifications' ? <NotificationsPage /> : null}
        {route.name === 'settings-users' ? <UsersPage user={user} /> : null}
        {route.name === 'not-found' ? <NotFound path={route.path} /> : null}
      </main>
    </div>
  );
}

function NotFound({ path }: { path: string }) {
  useDocumentTitle('Not found');
  return (
    <div className="page">
      <EmptyState title="Page not found" action={<Link to="/" className="button">Go to products</Link>}>
        There is nothing at <code>{path}</code>.
      </EmptyState>
    </div>
  );
}

function UserMenu({ user, onSignOut }: { user: User; onSignOut: () => void }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const initials = (user.displayName || user.email)
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
  return (
    <div className="usermenu" ref={ref}>
      <button
        type="button"
        className="usermenu-button"
        aria-expanded={open}
        aria-controls="user-menu-panel"
        data-testid="user-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="usermenu-name">{user.displayName || user.email}</span>
        <span className="caret" aria-hidden="true" />
      </button>
      {open ? (
        <div className="menu" id="user-menu-panel">
          <div className="menu-header">
            <div className="menu-name">{user.displayName}</div>
            <div className="menu-email">{user.email}</div>
          </div>
          <Link to="/settings/clocks" className="menu-item" onClick={() => setOpen(false)} data-testid="menu-settings">
            {user.isAdmin ? 'Clock settings' : 'Clock settings (read-only)'}
          </Link>
          {user.isAdmin ? (
            <Link to="/notifications" className="menu-item" onClick={() => setOpen(false)} data-testid="menu-notifications">
              Notifications
            </Link>
          ) : null}
          {user.isAdmin ? (
            <Link to="/settings/users" className="menu-item" onClick={() => setOpen(false)} data-testid="menu-users">
              Accounts
            </Link>
          ) : null}
          <a className="menu-item" href={api.url('/api/docs')} target="_blank" rel="noreferrer" onClick={() => setOpen(false)}>
            API documentation
          </a>
          <button
            type="button"
            className="menu-item"
            data-testid="sign-out"
            onClick={() => {
              setOpen(false);
              onSignOut();
            }}
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
