import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api.ts';
import type { Problem, Session } from '../api.ts';
import { useDocumentTitle } from '../router.ts';
import { ProblemView, toProblemOf } from '../ui.tsx';

export function SignInPage({ notice, onSignedIn }: { notice: Problem | null; onSignedIn: (session: Session) => void }) {
  useDocumentTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(notice);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const session = await api.login(email.trim(), password);
      onSignedIn(session);
    } catch (error) {
      setProblem(toProblemOf(error));
      setBusy(false);
    }
  }

  const invalidCredentials = problem?.code === 'AUTH_INVALID_CREDENTIALS';
  return (
    <div className="signin">
      <div className="signin-card">
        <div className="signin-brand">
          <span className="wordmark-mark" aria-hidden="true" />
          <span className="signin-wordmark">Vigil</span>
        </div>
        <p className="signin-tagline">Post-market cybersecurity for medical devices</p>
        <form className="form" onSubmit={submit} data-testid="sign-in-form" noValidate>
          <h1 className="signin-title">Sign in</h1>
          {problem ? (
            invalidCredentials ? (
              <div className="problem" role="alert" data-testid="sign-in-error" data-code={problem.code}>
                <p className="problem-title">The email or password is not correct.</p>
              </div>
            ) : (
              <ProblemView problem={problem} testId="sign-in-error" />
            )
          ) : null}
          <div className="field">
            <label htmlFor="signin-email">Email</label>
            <input
              id="signin-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={invalidCredentials || undefined}
              data-testid="sign-in-email"
            />
          </div>
          <div className="field">
            <label htmlFor="signin-password">Password</label>
            <input
              id="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={invalidCredentials || undefined}
              data-testid="sign-in-password"
            />
          </div>
          <button type="submit" className="button button-primary button-block" disabled={busy || !email || !password} data-testid="sign-in-submit">
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </div>
  );
}
