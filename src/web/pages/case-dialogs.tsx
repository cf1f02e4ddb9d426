// Case dialogs: open a case (from a finding or by hand), fulfil an obligation with evidence, and
// mark one not applicable with a password-signed justification.
import { memo, useEffect, useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { api, CASE_KINDS } from '../api.ts';
import type { CaseKind, CaseObligation, Finding, Problem } from '../api.ts';
import { CASE_KIND_LABELS, bytesToBase64, caseTitleForFinding, formatInZone, wallNow, zoneOptions, zonedToInstant } from '../cases.ts';
import { formatBytes } from '../format.ts';
import { casePath, navigate } from '../router.ts';
import { Dialog, ProblemView, fieldErrors, toProblemOf } from '../ui.tsx';

/** The browser's IANA time zone (the default zone of every time a person enters). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows, the preferred ones first. */
export function useZoneOptions(...preferred: ReadonlyArray<string | null | undefined>): string[] {
  const key = preferred.join('|');
  return useMemo(() => {
    const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return zoneOptions(supported, browserZone(), ...preferred);
  }, [key]);
}

/** Some 400 options: rendered again only when the list itself changes, not on every keystroke of the form around it. */
const ZoneOptionList = memo(function ZoneOptionList({ zones }: { zones: readonly string[] }) {
  return (
    <>
      {zones.map((z) => (
        <option key={z} value={z}>
          {z}
        </option>
      ))}
    </>
  );
});

export function ZoneSelect({ id, value, onChange, label, testId }: { id: string; value: string; onChange: (zone: string) => void; label: string; testId?: string }) {
  const zones = useZoneOptions(value);
  return (
    <select id={id} className="zone-select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <ZoneOptionList zones={zones} />
    </select>
  );
}

/** Opens a case, from a finding (links it, its release, product and vulnerability) or by hand; then shows it. */
export function OpenCaseDialog({ open, finding, onClose }: { open: boolean; finding: Finding | null; onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<CaseKind>('vulnerability');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    setTitle(finding ? caseTitleForFinding(finding) : '');
    setKind('vulnerability');
    setNote('');
    setProblem(null);
    setBusy(false);
  }, [open, finding?.id]);

  const errors = fieldErrors(problem);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const c = await api.openCase({ title: title.trim(), kind, ...(finding ? { findingId: finding.id } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      onClose();
      navigate(casePath(c.number));
    } catch (error) {
      setProblem(toProblemOf(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={finding ? 'Open a case from this finding' : 'New case'}
      open={open}
      onClose={onClose}
      testId="open-case-dialog"
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={id} className="button button-primary" disabled={busy} data-testid="open-case-submit">
            {busy ? 'Opening…' : 'Open case'}
          </button>
        </>
      }
    >
      <form id={id} className="form" onSubmit={submit} noValidate>
        {problem ? <ProblemView problem={problem} testId="open-case-problem" /> : null}
        {finding ? (
          <p className="small muted">
            Links the finding, release {finding.release.version} and {finding.product.name}. The product's markets start the facts; record the rest on the case.
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-title`}>
            Title<span className="required" aria-hidden="true"> *</span>
          </label>
          <input id={`${id}-title`} autoFocus required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={errors.title ? true : undefined} data-testid="open-case-title" />
          {errors.title ? <p className="field-error">{errors.title}</p> : null}
        </div>
        <div className="grid-2">
          <div className="field">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as CaseKind)} data-testid="open-case-kind">
              {CASE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CASE_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>Note</label>
            <input id={`${id}-note`} maxLength={2000} placeholder="Why the case is opened (optional)" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        </div>
      </form>
    </Dialog>
  );
}

/** Fulfils an obligation: when (wall time + zone), the recipient's reference number, the document sent. */
export function FulfilDialog({ caseId, obligation, onClose, onDone }: { caseId: string; obligation: CaseObligation | null; onClose: () => void; onDone: () => void }) {
  const [at, setAt] = useState('');
  const [zone, setZone] = useState(browserZone());
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    if (!obligation) return;
    const z = browserZone();
    setZone(z);
    setAt(wallNow(Date.now(), z));
    setReference('');
    setNote('');
    setFile(null);
    setProblem(null);
    setBusy(false);
  }, [obligation?.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!obligation) return;
    const instant = zonedToInstant(at, zone);
    if (!instant) {
      setProblem({ type: 'about:blank', title: 'Enter when it was fulfilled', status: 0, code: 'CLIENT_ERROR', errors: [{ path: '$.at', message: 'date and time required' }] });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const document = file ? { name: file.name, contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) } : undefined;
      await api.fulfilObligation(caseId, obligation.id, {
        at: instant,
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...(document ? { document } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone();
    } catch (error) {
      setProblem(toProblemOf(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={obligation ? `Fulfil: ${obligation.title}` : 'Fulfil'}
      open={obligation !== null}
      onClose={onClose}
      testId="fulfil-dialog"
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={id} className="button button-primary" disabled={busy} data-testid="fulfil-submit">
            {busy ? 'Saving…' : 'Mark fulfilled'}
          </button>
        </>
      }
    >
      <form id={id} className="form" onSubmit={submit} noValidate>
        {problem ? <ProblemView problem={problem} testId="fulfil-problem" /> : null}
        {obligation ? (
          <p className="small muted">
            {obligation.citation}
            {obligation.dueAt ? ` · due ${formatInZone(obligation.dueAt, browserZone())}` : ''}
          </p>
        ) : null}
        <div className="grid-2">
          <div className="field">
            <label htmlFor={`${id}-at`}>
              Fulfilled at<span className="required" aria-hidden="true"> *</span>
            </label>
            <div className="time-input">
              <input id={`${id}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="fulfil-at" />
              <ZoneSelect id={`${id}-zone`} label="Time zone of the fulfilment time" value={zone} onChange={setZone} />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-reference`}>Reference number</label>
            <input id={`${id}-reference`} maxLength={200} placeholder="Given by the recipient" value={reference} onChange={(e) => setReference(e.target.value)} data-testid="fulfil-reference" />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-document`}>Document sent</label>
          <input id={`${id}-document`} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="fulfil-document" />
          <p className="field-hint">{file ? `${file.name} · ${formatBytes(file.size)} · stored with its SHA-256` : 'The report or notice as sent; stored with its SHA-256.'}</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>Note</label>
          <input id={`${id}-note`} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </form>
    </Dialog>
  );
}

/** Marks an obligation not applicable: a justification, signed by re-entering the password. */
export function NotApplicableDialog({ caseId, obligation, onClose, onDone }: { caseId: string; obligation: CaseObligation | null; onClose: () => void; onDone: () => void }) {
  const [justification, setJustification] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    if (!obligation) return;
    setJustification('');
    setPassword('');
    setProblem(null);
    setBusy(false);
  }, [obligation?.id]);

  const errors = fieldErrors(problem);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!obligation) return;
    setBusy(true);
    setProblem(null);
    try {
      await api.markNotApplicable(caseId, obligation.id, { justification: justification.trim(), password });
      onDone();
    } catch (error) {
      setProblem(toProblemOf(error));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={obligation ? `Not applicable: ${obligation.title}` : 'Not applicable'}
      open={obligation !== null}
      onClose={onClose}
      testId="na-dialog"
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={id} className="button button-primary" disabled={busy || justification.trim().length < 10 || !password} data-testid="na-submit">
            {busy ? 'Signing…' : 'Sign and mark not applicable'}
          </button>
        </>
      }
    >
      <form id={id} className="form" onSubmit={submit} noValidate>
        {problem ? <ProblemView problem={problem} testId="na-problem" /> : null}
        <div className="field">
          <label htmlFor={`${id}-justification`}>
            Justification<span className="required" aria-hidden="true"> *</span>
          </label>
          <textarea
            id={`${id}-justification`}
            rows={4}
            minLength={10}
            maxLength={5000}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            aria-invalid={errors.justification ? true : undefined}
            data-testid="na-justification"
          />
          <p className="field-hint">At least 10 characters. It stands until someone changes it; re-evaluation does not undo it.</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>
            Your password (signature)<span className="required" aria-hidden="true"> *</span>
          </label>
          <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="na-password" />
        </div>
      </form>
    </Dialog>
  );
}
