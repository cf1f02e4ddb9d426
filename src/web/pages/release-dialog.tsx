import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { api, SUPPORT_STATUSES } from '../api.ts';
import type { Problem, Release, SupportStatus } from '../api.ts';
import { SUPPORT_STATUS_LABELS } from '../format.ts';
import { Dialog, ProblemView, allErrorsOnFields, fieldErrors, toProblemOf } from '../ui.tsx';

export function ReleaseDialog({
  open,
  productId,
  onClose,
  onCreated,
}: {
  open: boolean;
  productId: string;
  onClose: () => void;
  onCreated: (release: Release) => void;
}) {
  const [version, setVersion] = useState('');
  const [variant, setVariant] = useState('');
  const [releaseDate, setReleaseDate] = useState('');
  const [supportStatus, setSupportStatus] = useState<SupportStatus>('supported');
  const [endOfSupport, setEndOfSupport] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    setVersion('');
    setVariant('');
    setReleaseDate('');
    setSupportStatus('supported');
    setEndOfSupport('');
    setProblem(null);
    setBusy(false);
  }, [open]);

  const errors = fieldErrors(problem);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const release = await api.createRelease(productId, {
        version: version.trim(),
        variant: variant.trim() || null,
        releaseDate: releaseDate || null,
        supportStatus,
        endOfSupport: endOfSupport || null,
      });
      onCreated(release);
    } catch (error) {
      setProblem(toProblemOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="New release"
      open={open}
      onClose={onClose}
      testId="release-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={id} className="button button-primary" disabled={busy} data-testid="release-submit">
            {busy ? 'Creating…' : 'Create release'}
          </button>
        </>
      }
    >
      <form id={id} className="form" onSubmit={submit} noValidate>
        {problem ? (
          <ProblemView
            problem={problem}
            testId="release-problem"
            listErrors={!allErrorsOnFields(problem, ['version', 'variant', 'releaseDate', 'endOfSupport'])}
          />
        ) : null}
        <div className="grid-2">
          <div className="field">
            <label htmlFor={`${id}-version`}>
              Version<span className="required" aria-hidden="true"> *</span>
            </label>
            <input
              id={`${id}-version`}
              required
              autoFocus
              placeholder="2.4.0"
              value={version}
              onChange={(e) => setVersion(e.target.value)}
              aria-invalid={errors.version ? true : undefined}
              data-testid="release-version"
            />
            {errors.version ? <p className="field-error">{errors.version}</p> : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-variant`}>Variant</label>
            <input
              id={`${id}-variant`}
              placeholder="e.g. EU, hospital edition"
              value={variant}
              onChange={(e) => setVariant(e.target.value)}
              data-testid="release-variant"
            />
            {errors.variant ? <p className="field-error">{errors.variant}</p> : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-date`}>Release date</label>
            <input id={`${id}-date`} type="date" value={releaseDate} onChange={(e) => setReleaseDate(e.target.value)} />
            {errors.releaseDate ? <p className="field-error">{errors.releaseDate}</p> : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>Support status</label>
            <select id={`${id}-status`} value={supportStatus} onChange={(e) => setSupportStatus(e.target.value as SupportStatus)}>
              {SUPPORT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {SUPPORT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-eos`}>End of support</label>
            <input id={`${id}-eos`} type="date" value={endOfSupport} onChange={(e) => setEndOfSupport(e.target.value)} />
            {errors.endOfSupport ? <p className="field-error">{errors.endOfSupport}</p> : null}
          </div>
        </div>
      </form>
    </Dialog>
  );
}
