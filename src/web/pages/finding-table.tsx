// The findings table shared by the release page and the portfolio findings page: filters, rows that
// expand to the evidence of each matching source, paging.
import { Fragment, useEffect, useRef, useState } from 'react';
import { FINDING_CONFIDENCES, FINDING_STATES } from '../api.ts';
import type { Evidence, Finding, FindingConfidence, FindingStatus, Problem } from '../api.ts';
import { SBOM_LABEL_NAMES, formatCount, formatDate, pageRange } from '../format.ts';
import type { SbomLabel } from '../api.ts';
import {
  CONFIDENCE_LABELS,
  CONFIDENCE_TITLES,
  FINDING_PAGE_SIZES,
  FINDING_STATE_LABELS,
  FINDING_STATUS_LABELS,
  INDETERMINATE_TITLE,
  MIN_EPSS_OPTIONS,
  MIN_SEVERITY_OPTIONS,
  componentLabel,
  describeCriterion,
  fixedText,
  isNarrowed,
  methodLabel,
  releaseLabel,
  schemeText,
} from '../findings.ts';
import type { FindingFilters } from '../findings.ts';
import { sourceLabel } from '../intel.ts';
import { releasePath, vulnerabilityPath } from '../router.ts';
import { EmptyState, Link, ProblemView, useDebounced } from '../ui.tsx';
import { CvssChip, EpssValue, KevBadge } from './intel-ui.tsx';
import { OpenCaseDialog } from './case-dialogs.tsx';

const SEARCH_DEBOUNCE_MS = 300;

export function StatusBadge({ status }: { status: FindingStatus }) {
  return (
    <span
      className={`finding-status finding-status-${status}`}
      title={status === 'indeterminate' ? INDETERMINATE_TITLE : 'Affected: the component version is inside an affected range'}
      data-testid="finding-status"
      data-status={status}
    >
      {status === 'indeterminate' ? <span aria-hidden="true">? </span> : null}
      {FINDING_STATUS_LABELS[status]}
    </span>
  );
}

export function ConfidenceBadge({ confidence }: { confidence: FindingConfidence }) {
  return (
    <span className={`confidence confidence-${confidence}`} title={CONFIDENCE_TITLES[confidence]} data-testid="finding-confidence" data-confidence={confidence}>
      <span className="confidence-bars" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      {CONFIDENCE_LABELS[confidence]}
    </span>
  );
}

/** The component, status, confidence and fixed-versions cells of a finding row (findings tables and "who is affected"). */
export function FindingCells({ finding: f, componentClassName = 'mono small' }: { finding: Finding; componentClassName?: string }) {
  return (
    <>
      <td>
        <div className={componentClassName} title={f.component.purl ?? f.component.cpe ?? undefined}>
          {componentLabel(f.component)}
        </div>
        <div className="small muted">{SBOM_LABEL_NAMES[f.component.sbomLabel as SbomLabel] ?? f.component.sbomLabel}</div>
      </td>
      <td>
        <StatusBadge status={f.status} />
      </td>
      <td>
        <ConfidenceBadge confidence={f.confidence} />
      </td>
      <td>
        <FixedVersions versions={f.fixedVersions} />
      </td>
    </>
  );
}

export function FixedVersions({ versions }: { versions: readonly string[] }) {
  const text = fixedText(versions);
  if (!text) return <span className="muted small">No fix known</span>;
  return (
    <span className="mono small fixed-versions" title={[...new Set(versions)].join(', ')}>
      {text}
    </span>
  );
}

/** The filter bar; the search box types freely and reports `q` once typing pauses. */
export function FindingFilterBar({
  filters,
  onChange,
  idPrefix,
  products,
}: {
  filters: FindingFilters;
  onChange: (change: Partial<FindingFilters>) => void;
  idPrefix: string;
  /** Across the portfolio: offers a product filter. */
  products?: ReadonlyArray<{ id: string; name: string }>;
}) {
  const [search, setSearch] = useState(filters.q);
  const debounced = useDebounced(search, SEARCH_DEBOUNCE_MS);
  const pushed = useRef(filters.q);
  useEffect(() => {
    if (debounced.trim() === filters.q.trim()) return;
    pushed.current = debounced.trim();
    onChange({ q: debounced });
  }, [debounced]);
  useEffect(() => {
    if (filters.q !== pushed.current) {
      pushed.current = filters.q;
      setSearch(filters.q);
    }
  }, [filters.q]);

  return (
    <div className="toolbar finding-toolbar">
      <label className="visually-hidden" htmlFor={`${idPrefix}-search`}>
        Search findings
      </label>
      <input
        id={`${idPrefix}-search`}
        type="search"
        className="search"
        placeholder="Component, purl or vulnerability id…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="finding-search"
      />
      <div className="segmented" role="group" aria-label="State">
        {FINDING_STATES.map((state) => (
          <button
            key={state}
            type="button"
            className={filters.state === state ? 'segmented-item is-selected' : 'segmented-item'}
            aria-pressed={filters.state === state}
            onClick={() => onChange({ state })}
            data-testid={`finding-state-${state}`}
          >
            {FINDING_STATE_LABELS[state]}
          </button>
        ))}
      </div>
      <label className="visually-hidden" htmlFor={`${idPrefix}-status`}>
        Status
      </label>
      <select id={`${idPrefix}-status`} value={filters.status} onChange={(e) => onChange({ status: e.target.value as FindingFilters['status'] })} data-testid="finding-status-filter">
        <option value="">Any status</option>
        <option value="affected">Affected</option>
        <option value="indeterminate">Needs a look</option>
      </select>
      <label className="visually-hidden" htmlFor={`${idPrefix}-confidence`}>
        Confidence
      </label>
      <select
        id={`${idPrefix}-confidence`}
        value={filters.confidence}
        onChange={(e) => onChange({ confidence: e.target.value as FindingFilters['confidence'] })}
        data-testid="finding-confidence-filter"
      >
        <option value="">Any confidence</option>
        {FINDING_CONFIDENCES.map((c) => (
          <option key={c} value={c} title={CONFIDENCE_TITLES[c]}>
            {CONFIDENCE_LABELS[c]}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={`${idPrefix}-severity`}>
        Minimum severity
      </label>
      <select
        id={`${idPrefix}-severity`}
        value={filters.minCvss === null ? '' : String(filters.minCvss)}
        onChange={(e) => onChange({ minCvss: e.target.value === '' ? null : Number(e.target.value) })}
        data-testid="finding-severity-filter"
      >
        <option value="">Any severity</option>
        {MIN_SEVERITY_OPTIONS.map((o) => (
          <option key={o.value} value={String(o.value)} title={`CVSS ${o.value === 0.1 ? 'above 0' : `${o.value} or higher`}`}>
            {o.label}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={`${idPrefix}-epss`}>
        Minimum EPSS
      </label>
      <select
        id={`${idPrefix}-epss`}
        value={filters.minEpss === null ? '' : String(filters.minEpss)}
        onChange={(e) => onChange({ minEpss: e.target.value === '' ? null : Number(e.target.value) })}
        title="Exploit prediction (FIRST EPSS): probability of exploitation activity in the next 30 days"
        data-testid="finding-epss-filter"
      >
        <option value="">Any EPSS</option>
        {MIN_EPSS_OPTIONS.map((o) => (
          <option key={o.value} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      {products ? (
        <>
          <label className="visually-hidden" htmlFor={`${idPrefix}-product`}>
            Product
          </label>
          <select id={`${idPrefix}-product`} value={filters.product} onChange={(e) => onChange({ product: e.target.value })} data-testid="finding-product-filter">
            <option value="">Every product</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label className="toggle" title="Only vulnerabilities in the CISA Known Exploited Vulnerabilities catalogue">
        <input type="checkbox" checked={filters.kev} onChange={(e) => onChange({ kev: e.target.checked })} data-testid="finding-kev-only" />
        KEV only
      </label>
    </div>
  );
}

export function FindingTable({
  items,
  total,
  loading,
  loaded,
  error,
  filters,
  onChange,
  portfolio = false,
  emptyHint,
}: {
  items: Finding[];
  total: number;
  loading: boolean;
  loaded: boolean;
  error: Problem | null;
  filters: FindingFilters;
  onChange: (change: Partial<FindingFilters>) => void;
  /** Across products: adds the product and release columns. */
  portfolio?: boolean;
  emptyHint: string;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = portfolio ? 9 : 8;
  const narrowed = isNarrowed(filters);
  const [caseFrom, setCaseFrom] = useState<Finding | null>(null);

  return (
    <>
      {error ? <ProblemView problem={error} /> : null}
      {loaded && items.length === 0 ? (
        narrowed || filters.state !== 'active' ? (
          <EmptyState
            title="No findings match"
            testId="findings-empty"
            action={
              <button type="button" className="button" onClick={() => onChange({ state: 'active', status: '', confidence: '', kev: false, minCvss: null, minEpss: null, product: '', q: '' })}>
                Clear filters
              </button>
            }
          >
            {filters.state === 'inactive' ? 'Nothing has been retracted here.' : 'Nothing matches these filters.'}
          </EmptyState>
        ) : (
          <EmptyState title="No findings" testId="findings-empty">
            {emptyHint}
          </EmptyState>
        )
      ) : null}

      {items.length > 0 || (!loaded && loading) ? (
        <div className={loading ? 'table-scroll is-loading' : 'table-scroll'} aria-busy={loading}>
          <table className={`table table-compact table-findings${portfolio ? ' table-findings-portfolio' : ''}`} data-testid="finding-table">
            <colgroup>
              <col className="c-sev" />
              <col className="c-vuln" />
              <col className="c-epss" />
              {portfolio ? <col className="c-product" /> : null}
              <col className="c-component" />
              <col className="c-status" />
              <col className="c-confidence" />
              <col className="c-fixed" />
              <col className="c-expand" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Vulnerability</th>
                <th scope="col">EPSS</th>
                {portfolio ? <th scope="col">Product · release</th> : null}
                <th scope="col">Component</th>
                <th scope="col">Status</th>
                <th scope="col">Confidence</th>
                <th scope="col">Fixed in</th>
                <th scope="col">
                  <span className="visually-hidden">Evidence</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <Fragment key={f.id}>
                  <FindingRow finding={f} portfolio={portfolio} open={expanded.has(f.id)} onToggle={() => toggle(f.id)} />
                  {expanded.has(f.id) ? (
                    <tr className={f.active ? 'evidence-row' : 'evidence-row row-retracted'} data-testid="evidence-row" data-finding-id={f.id}>
                      <td colSpan={columns}>
                        <EvidenceList finding={f} onOpenCase={() => setCaseFrom(f)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <OpenCaseDialog open={caseFrom !== null} finding={caseFrom} onClose={() => setCaseFrom(null)} />

      {loaded && total > 0 ? (
        <div className="pager">
          <label className="pager-size">
            Rows per page
            <select value={filters.limit} onChange={(e) => onChange({ limit: Number(e.target.value) })} data-testid="finding-page-size">
              {FINDING_PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
          <span className="pager-range" data-testid="finding-page-range" aria-live="polite">
            {pageRange(filters.offset, items.length, total)}
          </span>
          <div className="pager-buttons">
            <button type="button" className="button button-small" disabled={filters.offset === 0} onClick={() => onChange({ offset: Math.max(0, filters.offset - filters.limit) })}>
              Previous
            </button>
            <button type="button" className="button button-small" disabled={filters.offset + items.length >= total} onClick={() => onChange({ offset: filters.offset + filters.limit })}>
              Next
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}

function FindingRow({ finding: f, portfolio, open, onToggle }: { finding: Finding; portfolio: boolean; open: boolean; onToggle: () => void }) {
  const v = f.vulnerability;
  const evidenceId = `evidence-${f.id}`;
  const classes = ['row-link', 'finding-row'];
  if (!f.active) classes.push('row-retracted');
  if (f.status === 'indeterminate') classes.push('row-indeterminate');
  if (open) classes.push('is-open');
  return (
    <tr
      className={classes.join(' ')}
      data-testid="finding-row"
      data-finding-id={f.id}
      data-vuln={v.primaryId}
      data-component={f.component.name}
      data-active={f.active ? 'true' : 'false'}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a,button')) return;
        onToggle();
      }}
    >
      <td>
        <CvssChip score={v.maxCvss} />
      </td>
      <td>
        <div className="cell-title">
          <Link to={vulnerabilityPath(v.primaryId)} className="strong-link mono vuln-id" data-testid="finding-vuln-link">
            {v.primaryId}
          </Link>
          {v.kev ? <KevBadge kev={v.kev} /> : null}
          {!f.active ? (
            <span className="badge badge-neutral" title={`Retracted: the match no longer holds (withdrawn advisory or changed range). Last changed ${formatDate(f.lastChanged)}.`} data-testid="finding-retracted">
              Retracted
            </span>
          ) : null}
        </div>
        {v.summary ? (
          <div className="clamp-2 small finding-summary" title={v.summary}>
            {v.summary}
          </div>
        ) : null}
      </td>
      <td>
        <EpssValue epss={v.epss} compact />
      </td>
      {portfolio ? (
        <td>
          <Link to={releasePath(f.product.slug, f.release.id)} className="strong-link" data-testid="finding-release-link">
            {f.product.name}
          </Link>
          <div className="small muted">Release {releaseLabel(f.release)}</div>
        </td>
      ) : null}
      <FindingCells finding={f} componentClassName="mono small finding-component" />
      <td className="num">
        <button
          type="button"
          className="icon-button expand-button"
          aria-expanded={open}
          aria-controls={open ? evidenceId : undefined}
          aria-label={`${open ? 'Hide' : 'Show'} the evidence for ${v.primaryId} in ${f.component.name}`}
          onClick={onToggle}
          data-testid="finding-expand"
        >
          <span className={open ? 'chevron chevron-open' : 'chevron'} aria-hidden="true" />
        </button>
      </td>
    </tr>
  );
}

/** Every matching source's evidence: how the component was found and why the version counts. */
export function EvidenceList({ finding: f, onOpenCase }: { finding: Finding; onOpenCase?: () => void }) {
  return (
    <div className="evidence" id={`evidence-${f.id}`}>
      <div className="evidence-top">
        <p className="evidence-lead small">
          {f.active ? (
            <>
              Found {formatDate(f.firstSeen)} by {f.evidence.length === 1 ? 'one source' : `${formatCount(f.evidence.length)} sources`}
              {f.lastChanged !== f.firstSeen ? `; last changed ${formatDate(f.lastChanged)}` : ''}.
            </>
          ) : (
            <>Retracted {formatDate(f.lastChanged)}: the match no longer holds (the advisory was withdrawn or its range changed). Kept with its history; it returns if the match does.</>
          )}
          {f.status === 'indeterminate' ? <strong className="evidence-warn"> {INDETERMINATE_TITLE}</strong> : null}
        </p>
        {onOpenCase ? (
          <button type="button" className="button button-small" onClick={onOpenCase} data-testid="finding-open-case" title="Open a regulatory case for this finding: its facts give the reporting deadlines">
            Open case…
          </button>
        ) : null}
      </div>
      {f.evidence.length === 0 ? <p className="muted small">No evidence recorded.</p> : null}
      <ol className="evidence-list">
        {f.evidence.map((e, index) => (
          <EvidenceItem key={`${e.advisory.source}:${e.advisory.id}:${index}`} evidence={e} />
        ))}
      </ol>
    </div>
  );
}

function EvidenceItem({ evidence: e }: { evidence: Evidence }) {
  const generic = e.scheme?.origin === 'generic';
  return (
    <li className="evidence-item" data-testid="evidence-item" data-source={e.advisory.source}>
      <div className="evidence-head">
        <span className={`source-tag source-${e.advisory.source}`}>{sourceLabel(e.advisory.source)}</span>
        <span className="mono small">{e.advisory.id}</span>
        <StatusBadge status={e.status} />
        <ConfidenceBadge confidence={e.confidence} />
        <span className="small muted">via {methodLabel(e.method)}</span>
      </div>
      <p className="evidence-reason" data-testid="evidence-reason">
        {e.reason}
      </p>
      <dl className="evidence-facts">
        <div>
          <dt>Identifier</dt>
          <dd>
            <span className="mono small break">{e.identifier.value}</span>{' '}
            <span className="muted small">
              ({e.identifier.kind}
              {e.identifier.derived ? ', derived by Vigil' : ''})
            </span>
            {e.identifier.note ? <div className="small muted">{e.identifier.note}</div> : null}
          </dd>
        </div>
        <div>
          <dt>Advisory says</dt>
          <dd className="small break">{describeCriterion(e.criterion)}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>
            <span className="mono small">{e.version ?? '—'}</span>{' '}
            <span className={generic ? 'scheme scheme-generic' : 'scheme'} title={generic ? 'No version scheme was known for this component, so Vigil compared versions with its generic heuristic' : undefined} data-testid="evidence-scheme" data-origin={e.scheme?.origin}>
              {schemeText(e.scheme)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Range</dt>
          <dd>
            {e.range ? (
              <>
                <span className="small">{e.range.text}</span>
                {e.range.vers ? <div className="mono small muted break">{e.range.vers}</div> : null}
              </>
            ) : (
              <span className="muted small">—</span>
            )}
          </dd>
        </div>
        {e.fixedVersions.length > 0 ? (
          <div>
            <dt>Fixed in</dt>
            <dd className="mono small">{e.fixedVersions.join(', ')}</dd>
          </div>
        ) : null}
        {e.conditions.length > 0 ? (
          <div className="evidence-conditions">
            <dt>Not checked</dt>
            <dd>
              <ul className="small">
                {e.conditions.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}
