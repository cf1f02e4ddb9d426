// "Who is affected by CVE-X": every product, release and component of the portfolio with a finding of one vulnerability.
import { useState } from 'react';
import { api } from '../api.ts';
import type { Finding } from '../api.ts';
import { formatCount, pageRange } from '../format.ts';
import { releaseLabel } from '../findings.ts';
import { releasePath } from '../router.ts';
import { EmptyState, Link, ProblemView, Spinner, useResource } from '../ui.tsx';
import { EvidenceList, FindingCells } from './finding-table.tsx';
import { OpenCaseDialog } from './case-dialogs.tsx';

const PAGE_SIZE = 50;

export function AffectedSection({ identifier }: { identifier: string }) {
  const [showRetracted, setShowRetracted] = useState(false);
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const [caseFrom, setCaseFrom] = useState<Finding | null>(null);
  const page = useResource(
    () => api.listAffected(identifier, { state: showRetracted ? 'all' : 'active', offset, limit: PAGE_SIZE }),
    [identifier, showRetracted, offset],
  );
  const data = page.data;
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const products = new Set(items.filter((f) => f.active).map((f) => f.product.id)).size;

  return (
    <section className="card affected-section" aria-labelledby="affected-heading" data-testid="affected-section">
      <div className="section-head section-head-padded">
        <h2 id="affected-heading">
          Affected in your portfolio{' '}
          <span className="count" data-testid="affected-total" data-total={data ? total : undefined}>
            {data ? formatCount(total) : ''}
          </span>
        </h2>
        <div className="toolbar">
          {data && total > 0 && offset === 0 && total <= PAGE_SIZE ? (
            <span className="muted small">
              {formatCount(products)} {products === 1 ? 'product' : 'products'}
            </span>
          ) : null}
          <label className="toggle">
            <input
              type="checkbox"
              checked={showRetracted}
              onChange={(e) => {
                setShowRetracted(e.target.checked);
                setOffset(0);
              }}
              data-testid="affected-show-retracted"
            />
            Show retracted
          </label>
        </div>
      </div>
      {page.error ? <ProblemView problem={page.error} /> : null}
      {!data && page.loading ? <Spinner label="Looking for affected components…" /> : null}
      {data && items.length === 0 ? (
        <EmptyState title="Nothing in your portfolio is affected" testId="affected-empty">
          No component of any release matches this vulnerability{showRetracted ? '' : ' right now'}. Findings are recomputed whenever advisories or SBOMs change.
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className={page.loading ? 'table-scroll is-loading' : 'table-scroll'}>
          <table className="table table-compact table-affected" data-testid="affected-table">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Release</th>
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
                <AffectedRows key={f.id} finding={f} open={open === f.id} onToggle={() => setOpen(open === f.id ? null : f.id)} onOpenCase={() => setCaseFrom(f)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && total > PAGE_SIZE ? (
        <div className="pager">
          <span className="pager-range">{pageRange(offset, items.length, total)}</span>
          <div className="pager-buttons">
            <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              Previous
            </button>
            <button type="button" className="button button-small" disabled={offset + items.length >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              Next
            </button>
          </div>
        </div>
      ) : null}
      <OpenCaseDialog open={caseFrom !== null} finding={caseFrom} onClose={() => setCaseFrom(null)} />
    </section>
  );
}

function AffectedRows({ finding: f, open, onToggle, onOpenCase }: { finding: Finding; open: boolean; onToggle: () => void; onOpenCase: () => void }) {
  const rowClass = [f.active ? '' : 'row-retracted', f.status === 'indeterminate' ? 'row-indeterminate' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <tr className={rowClass} data-testid="affected-row" data-product={f.product.slug} data-component={f.component.name} data-active={f.active ? 'true' : 'false'}>
        <td>
          <Link to={releasePath(f.product.slug, f.release.id)} className="strong-link" data-testid="affected-product-link">
            {f.product.name}
          </Link>
        </td>
        <td className="nowrap">
          {releaseLabel(f.release)}
          {!f.active ? (
            <span className="badge badge-neutral" title="Retracted: the match no longer holds">
              Retracted
            </span>
          ) : null}
        </td>
        <FindingCells finding={f} />
        <td className="num">
          <button type="button" className="button button-small button-ghost" aria-expanded={open} onClick={onToggle} data-testid="affected-expand">
            {open ? 'Hide evidence' : 'Evidence'}
          </button>
        </td>
      </tr>
      {open ? (
        <tr className="evidence-row">
          <td colSpan={7}>
            <EvidenceList finding={f} onOpenCase={onOpenCase} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
