import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import type { Release, Sbom } from '../api.ts';
import { SBOM_LABEL_NAMES, SUPPORT_STATUS_LABELS, SUPPORT_TONES, formatBytes, formatCount, formatDate, formatDateTime, isPastDate, todayIso } from '../format.ts';
import { Badge, EmptyState, ProblemView, ProgressBar, Spinner, useResource } from '../ui.tsx';
import { ComponentTable } from './component-table.tsx';
import { UploadDialog } from './upload-dialog.tsx';
import { ReleaseFindings, countsTitle, useReleaseFindings } from './release-findings.tsx';

const POLL_MS = 1000;

export function ReleasePanel({ release, onChanged }: { release: Release; onChanged: () => void }) {
  const sboms = useResource(() => api.listSboms(release.id), [release.id]);
  const [uploading, setUploading] = useState(false);
  const [componentsVersion, setComponentsVersion] = useState(0);
  // `?tab=findings` opens the Findings tab (links from a case to its finding).
  const [tab, setTab] = useState<'components' | 'findings'>(() => (new URLSearchParams(window.location.search).get('tab') === 'findings' ? 'findings' : 'components'));
  const findings = useReleaseFindings(release.id, componentsVersion);
  const counts = findings.page.data?.counts;
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;

  // Poll the SBOMs that are still being imported; refresh the component table when one finishes.
  const processingIds = (sboms.data ?? []).filter((s) => s.status === 'processing').map((s) => s.id);
  const processingKey = processingIds.join(',');
  useEffect(() => {
    if (!processingKey) return;
    let cancelled = false;
    const ids = processingKey.split(',');
    const timer = setInterval(async () => {
      const updates = await Promise.all(ids.map((id) => api.getSbom(id).catch(() => null)));
      if (cancelled) return;
      sboms.setData((current) => current?.map((s) => updates.find((u) => u?.id === s.id) ?? s));
      if (updates.some((u) => u && u.status !== 'processing')) {
        setComponentsVersion((v) => v + 1);
        onChangedRef.current();
      }
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [processingKey, sboms.setData]);

  const items = sboms.data ?? [];
  const today = todayIso(new Date());

  return (
    <div className="release-panel" data-testid="release-panel" data-release-id={release.id}>
      <section className="card" aria-labelledby="release-heading">
        <div className="release-summary">
          <div className="release-summary-title">
            <h2 id="release-heading">
              Release {release.version}
              {release.variant ? <span className="release-variant">{release.variant}</span> : null}
            </h2>
            <Badge tone={SUPPORT_TONES[release.supportStatus]} testId="release-status">
              {SUPPORT_STATUS_LABELS[release.supportStatus]}
            </Badge>
          </div>
          <dl className="facts facts-inline">
            <div>
              <dt>Released</dt>
              <dd>{formatDate(release.releaseDate)}</dd>
            </div>
            <div>
              <dt>End of support</dt>
              <dd className={isPastDate(release.endOfSupport, today) ? 'text-danger' : undefined}>{formatDate(release.endOfSupport)}</dd>
            </div>
            <div>
              <dt>SBOMs</dt>
              <dd>{formatCount(release.sbomCount)}</dd>
            </div>
            <div>
              <dt>Components</dt>
              <dd>{formatCount(release.componentCount)}</dd>
            </div>
          </dl>
          <button type="button" className="button button-primary" onClick={() => setUploading(true)} data-testid="upload-sbom">
            Upload SBOM
          </button>
        </div>
        {sboms.error ? <ProblemView problem={sboms.error} /> : null}
        {sboms.loading && !sboms.data ? <Spinner label="Loading SBOMs…" /> : null}
        {sboms.data && items.length === 0 ? (
          <EmptyState
            title="No SBOMs for this release"
            testId="sboms-empty"
            action={
              <button type="button" className="button" onClick={() => setUploading(true)}>
                Upload a CycloneDX SBOM
              </button>
            }
          >
            Upload one SBOM per software layer (firmware, operating system, application) to build the component inventory.
          </EmptyState>
        ) : null}
        {items.length > 0 ? (
          <div className="table-scroll">
            <table className="table table-compact" data-testid="sbom-table" aria-label="SBOMs">
              <thead>
                <tr>
                  <th scope="col">SBOM</th>
                  <th scope="col">File</th>
                  <th scope="col">Spec</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Components
                  </th>
                  <th scope="col" className="num">
                    Size
                  </th>
                  <th scope="col">Uploaded</th>
                  <th scope="col">
                    <span className="visually-hidden">Download</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((sbom) => (
                  <SbomRow key={sbom.id} sbom={sbom} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <div className="tabs" role="tablist" aria-label="Release contents">
        <button
          type="button"
          role="tab"
          id="tab-components"
          aria-selected={tab === 'components'}
          aria-controls="panel-components"
          className={tab === 'components' ? 'tab is-selected' : 'tab'}
          onClick={() => setTab('components')}
          data-testid="tab-components"
        >
          Components <span className="tab-count">{formatCount(release.componentCount)}</span>
        </button>
        <button
          type="button"
          role="tab"
          id="tab-findings"
          aria-selected={tab === 'findings'}
          aria-controls="panel-findings"
          className={tab === 'findings' ? 'tab is-selected' : 'tab'}
          onClick={() => setTab('findings')}
          data-testid="tab-findings"
        >
          Findings{' '}
          {counts ? (
            <span
              className={counts.active > 0 ? 'tab-count tab-count-alert' : 'tab-count'}
              title={countsTitle(counts)}
              data-testid="findings-badge"
              data-active={counts.active}
            >
              {formatCount(counts.active)}
              {counts.indeterminate > 0 ? <span className="tab-count-sub"> · {formatCount(counts.indeterminate)}?</span> : null}
            </span>
          ) : null}
        </button>
      </div>
      <div role="tabpanel" id="panel-components" aria-labelledby="tab-components" hidden={tab !== 'components'}>
        <ComponentTable releaseId={release.id} sboms={items} version={componentsVersion} />
      </div>
      <div role="tabpanel" id="panel-findings" aria-labelledby="tab-findings" hidden={tab !== 'findings'}>
        <ReleaseFindings state={findings} />
      </div>

      <UploadDialog
        open={uploading}
        release={release}
        sboms={items}
        onClose={() => setUploading(false)}
        onAccepted={(sbom) => {
          sboms.setData((current) => [...(current ?? []).filter((s) => s.id !== sbom.id), sbom]);
          onChangedRef.current();
        }}
      />
    </div>
  );
}

export function SbomStatus({ sbom }: { sbom: Sbom }) {
  if (sbom.status === 'processing') {
    const done = sbom.progress?.done ?? 0;
    const total = sbom.progress?.total ?? 0;
    return (
      <div className="sbom-status" data-testid="sbom-status" data-status="processing">
        <Badge tone="accent">Importing</Badge>
        <ProgressBar done={done} total={total} label={`Importing ${sbom.filename}`} />
        {total > 0 ? (
          <span className="muted small nowrap">
            {formatCount(done)} / {formatCount(total)}
          </span>
        ) : null}
      </div>
    );
  }
  if (sbom.status === 'failed') {
    return (
      <div className="sbom-status" data-testid="sbom-status" data-status="failed" title={sbom.error ?? undefined}>
        <Badge tone="danger">Failed</Badge>
        {sbom.error ? <span className="small text-danger truncate">{sbom.error}</span> : null}
      </div>
    );
  }
  return (
    <div className="sbom-status" data-testid="sbom-status" data-status="imported">
      <Badge tone="ok">Imported</Badge>
    </div>
  );
}

function SbomRow({ sbom }: { sbom: Sbom }) {
  return (
    <tr data-testid="sbom-row" data-sbom-id={sbom.id} data-status={sbom.status}>
      <td className="nowrap">{SBOM_LABEL_NAMES[sbom.label] ?? sbom.label}</td>
      <td>
        <span className="truncate mono small file-name" title={`${sbom.filename}\nSHA-256 ${sbom.sha256}`}>
          {sbom.filename}
        </span>
      </td>
      <td className="nowrap">CycloneDX {sbom.specVersion}</td>
      <td>
        <SbomStatus sbom={sbom} />
      </td>
      <td className="num">{formatCount(sbom.componentCount)}</td>
      <td className="num nowrap">{formatBytes(sbom.byteSize)}</td>
      <td className="nowrap small" title={`Uploaded by ${sbom.uploadedBy}`}>
        {formatDateTime(sbom.uploadedAt)}
      </td>
      <td className="num download-cell">
        <a className="button button-small button-ghost" href={api.sbomDocumentUrl(sbom.id)} download={sbom.filename} data-testid="sbom-download">
          Download
        </a>
      </td>
    </tr>
  );
}
