// Small shared building blocks: links, badges, dialogs, problem display, progress, data loading.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { AnchorHTMLAttributes, DependencyList, ReactNode } from 'react';
import { ApiError } from './api.ts';
import type { Problem } from './api.ts';
import { displayPath, percent, uniqueErrors } from './format.ts';
export { allErrorsOnFields, fieldErrors } from './format.ts';
import { isModifiedClick, navigate } from './router.ts';

export function Link({ to, children, onClick, ...rest }: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  return (
    <a
      href={to}
      {...rest}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || isModifiedClick(event) || rest.target === '_blank') return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export type Tone = 'neutral' | 'accent' | 'ok' | 'warn' | 'danger';

export function Badge({ tone = 'neutral', children, title, testId }: { tone?: Tone; children: ReactNode; title?: string; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyState({ title, children, action, testId }: { title: string; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={testId}>
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}

export function ProgressBar({ done, total, label, testId }: { done: number; total: number; label: string; testId?: string }) {
  const pct = percent(done, total);
  return (
    <div className="progress" data-testid={testId}>
      <div
        className={`progress-track${pct === null ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <div className="progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A problem document shown to a person: title/detail and, when present, the errors[] list (path → message). */
export function ProblemView({
  problem,
  testId = 'problem',
  heading,
  listErrors = true,
}: {
  problem: Problem;
  testId?: string;
  heading?: string;
  /** False when the errors are already shown next to their form fields. */
  listErrors?: boolean;
}) {
  const errors = uniqueErrors(problem.errors ?? []);
  return (
    <div className="problem" role="alert" data-testid={testId} data-code={problem.code}>
      <p className="problem-title">
        {heading ?? problem.title}
        {errors.length > 0 ? (
          <span className="problem-count" data-testid={`${testId}-count`}>
            {' '}
            ({errors.length} {errors.length === 1 ? 'error' : 'errors'})
          </span>
        ) : null}
      </p>
      {problem.detail && problem.detail !== (heading ?? problem.title) ? <p className="problem-detail">{problem.detail}</p> : null}
      {errors.length > 0 && !listErrors ? <p className="problem-detail">Correct the highlighted fields and try again.</p> : null}
      {errors.length > 0 && listErrors ? (
        <ul className="problem-errors" data-testid={`${testId}-errors`}>
          {errors.map((error, index) => (
            <li key={index}>
              <code className="problem-path">{displayPath(error.path)}</code>
              <span className="problem-message">{error.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function toProblemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return {
    type: 'about:blank',
    title: 'Something went wrong',
    status: 0,
    detail: error instanceof Error ? error.message : String(error),
    code: 'CLIENT_ERROR',
  };
}

export function Dialog({
  title,
  open,
  onClose,
  children,
  footer,
  testId,
  wide,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    // Give focus back to whatever opened the dialog once it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      aria-modal="true"
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
      {footer ? <div className="dialog-foot">{footer}</div> : null}
    </dialog>
  );
}

export interface Resource<T> {
  data: T | undefined;
  error: Problem | null;
  loading: boolean;
  reload: () => void;
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

/** Loads data with `load` whenever `deps` change; ignores answers that arrive after a newer request. */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Problem | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error: toProblemOf(error), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setState((s) => ({ ...s, data: update(s.data) })), []);
  return { ...state, reload, setData };
}

/**
 * A user action against the API: `run(action)` marks it busy, clears the last problem, and keeps
 * the problem when the action throws. Resolves true when the action succeeded.
 */
export function useAction(): { busy: boolean; problem: Problem | null; setProblem: (p: Problem | null) => void; run: (action: () => Promise<unknown>) => Promise<boolean> } {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      return true;
    } catch (error) {
      setProblem(toProblemOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, setProblem, run };
}

/** A value that follows `value` after it has stopped changing for `delayMs`. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
