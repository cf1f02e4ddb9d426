import { useEffect, useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { api, SBOM_LABELS } from '../api.ts';
import type { Problem, Release, Sbom, SbomLabel } from '../api.ts';
import { SBOM_LABEL_NAMES, formatBytes, formatCount } from '../format.ts';
import { Dialog, ProblemView, ProgressBar, toProblemOf } from '../ui.tsx';

type Phase =
  | { name: 'choose' }
  | { name: 'uploading'; loaded: number; total: number }
  | { name: 'importing'; sbomId: string; duplicate: boolean }
  | { name: 'rejected'; problem: Problem };

function defaultLabel(existing: Sbom[]): SbomLabel {
  const used = new Set(existing.map((s) => s.label));
  return SBOM_LABELS.find((l) => !used.has(l)) ?? 'other';
}

export function UploadDialog({
  open,
  release,
  sboms,
  onClose,
  onAccepted,
}: {
  open: boolean;
  release: Release;
  sboms: Sbom[];
  onClose: () => void;
  onAccepted: (sbom: Sbom) => void;
}) {
  const [label, setLabel] = useState<SbomLabel>('firmware');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'choose' });
  const [dragging, setDragging] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    setLabel(defaultLabel(sboms));
    setFile(null);
    setPhase({ name: 'choose' });
    setDragging(false);
    // only when the dialog opens
  }, [open]);

  const tracked = phase.name === 'importing' ? sboms.find((s) => s.id === phase.sbomId) : undefined;

  function close() {
    abortRef.current?.abort();
    abortRef.current = null;
    onClose();
  }

  async function upload() {
    if (!file) return;
    const controller = new AbortController();
    abortRef.current = controller;
    setPhase({ name: 'uploading', loaded: 0, total: file.size });
    try {
      const { sbom, duplicate } = await api.uploadSbom(
        release.id,
        label,
        file,
        (p) => setPhase({ name: 'uploading', loaded: p.loaded, total: p.total }),
        controller.signal,
      );
      onAccepted(sbom);
      setPhase({ name: 'importing', sbomId: sbom.id, duplicate });
    } catch (error) {
      const problem = toProblemOf(error);
      if (problem.code === 'ABORTED') return;
      setPhase({ name: 'rejected', problem });
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
    }
  }

  function pick(files: FileList | null) {
    const next = files?.[0];
    if (!next) return;
    setFile(next);
    if (phase.name === 'rejected') setPhase({ name: 'choose' });
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    pick(event.dataTransfer.files);
  }

  const choosing = phase.name === 'choose' || phase.name === 'rejected';
  const finished = tracked && tracked.status !== 'processing';

  return (
    <Dialog
      title={`Upload SBOM to release ${release.version}`}
      open={open}
      onClose={close}
      testId="upload-dialog"
      wide
      footer={
        choosing ? (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="button" className="button button-primary" disabled={!file} onClick={upload} data-testid="upload-submit">
              Upload
            </button>
          </>
        ) : (
          <button type="button" className={finished ? 'button button-primary' : 'button'} onClick={close} data-testid="upload-close">
            {finished ? 'Done' : phase.name === 'uploading' ? 'Cancel upload' : 'Close'}
          </button>
        )
      }
    >
      {choosing ? (
        <div className="form">
          <div className="field">
            <label htmlFor={`${id}-label`}>What does this SBOM describe?</label>
            <select id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value as SbomLabel)} data-testid="upload-label">
              {SBOM_LABELS.map((l) => (
                <option key={l} value={l}>
                  {SBOM_LABEL_NAMES[l]}
                </option>
              ))}
            </select>
          </div>
          <div
            className={dragging ? 'dropzone dropzone-active' : 'dropzone'}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="upload-dropzone"
          >
            <input
              ref={inputRef}
              id={`${id}-file`}
              type="file"
              className="visually-hidden"
              accept=".json,application/json,application/vnd.cyclonedx+json"
              onChange={(e) => pick(e.target.files)}
              data-testid="upload-file-input"
            />
            {file ? (
              <p className="dropzone-file" data-testid="upload-file-name">
                <span className="mono">{file.name}</span> <span className="muted">({formatBytes(file.size)})</span>
              </p>
            ) : (
              <p className="dropzone-title">Drop a CycloneDX JSON file here</p>
            )}
            <label htmlFor={`${id}-file`} className="button button-small">
              {file ? 'Choose another file' : 'Choose file'}
            </label>
            <p className="field-hint">CycloneDX 1.4 – 1.6 JSON. The document is validated before its components are imported.</p>
          </div>
          {phase.name === 'rejected' ? (
            <ProblemView
              problem={phase.problem}
              testId="upload-problem"
              heading={phase.problem.code === 'SBOM_SCHEMA_INVALID' ? 'The SBOM does not match the CycloneDX schema' : undefined}
            />
          ) : null}
        </div>
      ) : null}

      {phase.name === 'uploading' ? (
        <div className="upload-step" data-testid="upload-progress">
          <p>
            Uploading <span className="mono">{file?.name}</span>…
          </p>
          <ProgressBar done={phase.loaded} total={phase.total} label="Upload progress" />
          <p className="muted small">
            {formatBytes(phase.loaded)} of {formatBytes(phase.total)}
          </p>
        </div>
      ) : null}

      {phase.name === 'importing' ? (
        <div className="upload-step" data-testid="import-progress" data-status={tracked?.status ?? 'processing'}>
          {phase.duplicate ? (
            <p className="muted" data-testid="upload-duplicate">
              This release already has this exact document; nothing new was uploaded.
            </p>
          ) : null}
          {!tracked || tracked.status === 'processing' ? (
            <>
              <p>The SBOM is valid. Importing its components…</p>
              <ProgressBar done={tracked?.progress?.done ?? 0} total={tracked?.progress?.total ?? 0} label="Import progress" />
              <p className="muted small">
                {tracked?.progress && tracked.progress.total > 0
                  ? `${formatCount(tracked.progress.done)} of ${formatCount(tracked.progress.total)} components`
                  : 'Waiting for the import job…'}
              </p>
              <p className="muted small">You can close this dialog; the import continues.</p>
            </>
          ) : tracked.status === 'imported' ? (
            <div className="notice notice-ok" role="status" data-testid="import-done">
              Imported {formatCount(tracked.componentCount)} {tracked.componentCount === 1 ? 'component' : 'components'} from{' '}
              <span className="mono">{tracked.filename}</span>.
            </div>
          ) : (
            <div className="problem" role="alert" data-testid="import-failed">
              <p className="problem-title">The import failed.</p>
              {tracked.error ? <p className="problem-detail">{tracked.error}</p> : null}
            </div>
          )}
        </div>
      ) : null}
    </Dialog>
  );
}
