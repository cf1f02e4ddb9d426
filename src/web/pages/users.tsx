// Accounts (/settings/users): the team who can hold PSIRT roles and tasks. Administrators create
// accounts; the one-time password is shown once, here, and must be changed at first sign-in.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api.ts';
import type { User } from '../api.ts';
import { useDocumentTitle } from '../router.ts';
import { Badge, ProblemView, Spinner, useAction, useResource } from '../ui.tsx';

export function UsersPage({ user }: { user: User }) {
  useDocumentTitle('Accounts');
  const users = useResource(() => api.listUsers(), []);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [admin, setAdmin] = useState(false);
  const { busy, problem, run } = useAction();
  const [created, setCreated] = useState<{ email: string; oneTimePassword: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    await run(async () => {
      const r = await api.createUser({ email: email.trim(), displayName: name.trim(), isAdmin: admin });
      setCreated({ email: r.user.email, oneTimePassword: r.oneTimePassword });
      setEmail('');
      setName('');
      setAdmin(false);
      users.reload();
    });
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Accounts</h1>
          <p className="page-sub">The product security team: who can hold PSIRT roles and tasks on cases.</p>
        </div>
      </div>
      {user.isAdmin ? (
        <section className="card" aria-labelledby="new-account-heading">
          <div className="section-head section-head-padded">
            <h2 id="new-account-heading">New account</h2>
          </div>
          <form className="card-pad toolbar" onSubmit={submit} data-testid="user-form">
            <input aria-label="E-mail" type="email" placeholder="e-mail" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="user-email" />
            <input aria-label="Name" placeholder="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} data-testid="user-name" />
            <label className="toggle">
              <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} data-testid="user-admin" />
              Administrator
            </label>
            <button type="submit" className="button button-primary" disabled={busy} data-testid="user-create">
              Create
            </button>
          </form>
          {problem ? <ProblemView problem={problem} testId="user-problem" /> : null}
          {created ? (
            <p className="card-pad" role="status" data-testid="user-created">
              Created {created.email}. One-time password, shown only now — hand it over safely; it must be changed at first sign-in:{' '}
              <code data-testid="user-one-time-password">{created.oneTimePassword}</code>
            </p>
          ) : null}
        </section>
      ) : null}
      {users.error ? <ProblemView problem={users.error} /> : null}
      {!users.data && !users.error ? <Spinner label="Loading the accounts…" /> : null}
      {users.data ? (
        <div className="card table-card">
          <table className="table table-compact" data-testid="users">
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id} data-testid="user-row" data-email={u.email}>
                  <td>{u.email}</td>
                  <td>{u.displayName}</td>
                  <td>{u.isAdmin ? <Badge tone="accent">administrator</Badge> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
