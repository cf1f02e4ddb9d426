import { useState } from 'react';
import { api } from '../api.ts';
import type { Component, ComponentSort, Sbom, SortOrder } from '../api.ts';
import { SBOM_LABEL_NAMES, formatCount, isPastDate, pageRange, supportConcern, todayIso } from '../format.ts';
import { EmptyState, ProblemView, useDebounced, useResource } from '../ui.tsx';

export const PAGE_SIZES = [50, 100, 200] as const;
const SEARCH_DEBOUNCE_MS = 300;

interface Column {
  key: string;
  label: string;
  sort?: ComponentSort;
  className?: string;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Name', sort: 'name' },
  { key: 'version', label: 'Version', sort: 'version' },
  { key: 'type', label: 'Type', sort: 'type' },
  { key: 'supplier', label: 'Supplier', sort: 'supplier' },
  { key: 'licenses', label: 'Licenses', sort: 'license' },
  { key: 'purl', label: 'Package URL', sort: 'purl', className: 'col-purl' },
  { key: 'support', label: 'Support' },
  { key: 'sbom', label: 'SBOM' },
];

export function ComponentTable({ releaseId, sboms, version }: { releaseId: string; sboms: Sbom[]; version: number }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS);
  const [sort, setSort] = useState<ComponentSort>('name');
  const [order, setOrder] = useState<SortOrder>('asc');
  const [limit, setLimit] = useState<number>(50);
  const [sbomId, setSbomId] = useState('');
  // The page offset belongs to one query: any change of search, sort, size or SBOM goes back to the first page.
  const queryKey = JSON.stringify([q, sort, order, limit, sbomId]);
  const [paging, setPaging] = useState({ key: queryKey, offset: 0 });
  const offset = paging.key === queryKey ? paging.offset : 0;
  const setOffset = (next: number) => setPaging({ key: queryKey, offset: next });

  const page = useResource(
    () => api.listComponents(releaseId, { q, sort, order, offset, limit, ...(sbomId ? { sbomId } : {}) }),
    [releaseId, q, sort, order, offset, limit, sbomId, version],
  );
  const data = page.data;
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const today = todayIso(new Date());
  const filtered = q !== '' || sbomId !== '';

  function sortBy(column: ComponentSort) {
    if (column === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(column);
      setOrder('asc');
    }
  }

  return (
    <section className="card" aria-labelledby="components-heading" data-testid="component-section">
      <div className="section-head section-head-padded">
        <h3 id="components-heading">
          Components{' '}
          <span className="count" data-testid="component-total" data-total={data ? total : undefined}>
            {data ? formatCount(total) : ''}
          </span>
        </h3>
        <div className="toolbar" hidden={!!data && total === 0 && !filtered && search === ''}>
          <label className="visually-hidden" htmlFor="component-search">
            Search components
          </label>
          <input
            id="component-search"
            type="search"
            className="search"
            placeholder="Search name, version, purl, license…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="component-search"
          />
          {sboms.length > 1 ? (
            <>
              <label className="visually-hidden" htmlFor="component-sbom">
                SBOM
              </label>
              <select id="component-sbom" value={sbomId} onChange={(e) => setSbomId(e.target.value)} data-testid="component-sbom-filter">
                <option value="">All SBOMs</option>
                {sboms.map((s) => (
                  <option key={s.id} value={s.id}>
                    {SBOM_LABEL_NAMES[s.label] ?? s.label} · {s.filename}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </div>
      </div>

      {page.error ? <ProblemView problem={page.error} /> : null}

      {data && items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No components match"
            testId="components-empty"
            action={
              <button
                type="button"
                className="button"
                onClick={() => {
                  setSearch('');
                  setSbomId('');
                }}
              >
                Clear search
              </button>
            }
          >
            Nothing matches “{q}”{sbomId ? ' in the selected SBOM' : ''}. Try part of a name, a version or a package URL.
          </EmptyState>
        ) : (
          <EmptyState title="No components yet" testId="components-empty">
            {sboms.length === 0
              ? 'Upload an SBOM for this release; its components will be listed here.'
              : sboms.some((s) => s.status === 'processing')
                ? 'Components appear here as soon as the import finishes.'
                : 'The SBOMs of this release list no components.'}
          </EmptyState>
        )
      ) : null}

      {items.length > 0 || (!data && page.loading) ? (
        <div className={page.loading ? 'table-scroll is-loading' : 'table-scroll'} aria-busy={page.loading}>
          <table className="table table-compact table-components" data-testid="component-table">
            <colgroup>
              {COLUMNS.map((column) => (
                <col key={column.key} className={`c-${column.key}`} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.className}
                    aria-sort={column.sort && column.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {column.sort ? (
                      <button type="button" className="sort-button" onClick={() => sortBy(column.sort!)} data-testid={`sort-${column.sort}`}>
                        {column.label}
                        <span className={column.sort === sort ? `sort-icon sort-${order}` : 'sort-icon'} aria-hidden="true" />
                      </button>
                    ) : (
                      column.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((component) => (
                <ComponentRow key={component.id} component={component} today={today} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {data && total > 0 ? (
        <div className="pager">
          <label className="pager-size">
            Rows per page
            <select value={limit} onChange={(e) => setLimit(Number(e.target.value))} data-testid="page-size">
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
          <span className="pager-range" data-testid="page-range" aria-live="polite">
            {pageRange(data.offset, items.length, total)}
          </span>
          <div className="pager-buttons">
            <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))} data-testid="page-prev">
              Previous
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={offset + items.length >= total}
              onClick={() => setOffset(offset + limit)}
              data-testid="page-next"
            >
              Next
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function ComponentRow({ component: c, today }: { component: Component; today: string }) {
  const concern = supportConcern(c, today);
  return (
    <tr data-testid="component-row" data-name={c.name}>
      <td className="col-name" title={c.group ? `${c.group} / ${c.name}` : c.name}>
        <span className="component-name">{c.name}</span>
        {c.group ? <span className="component-group">{c.group}</span> : null}
      </td>
      <td className="mono nowrap" title={c.version ?? undefined}>
        {c.version ?? <span className="muted">—</span>}
      </td>
      <td className="nowrap" title={c.type}>
        {c.type}
      </td>
      <td title={c.supplier ?? undefined}>{c.supplier ?? <span className="muted">—</span>}</td>
      <td title={c.licenses.join(', ') || undefined}>{c.licenses.length > 0 ? c.licenses.join(', ') : <span className="muted">—</span>}</td>
      <td className="col-purl">
        {c.purl ? (
          <span className="mono small truncate" title={c.purl}>
            {c.purl}
          </span>
        ) : c.cpe ? (
          <span className="mono small truncate muted" title={c.cpe}>
            {c.cpe}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className={concern ? 'support-cell support-concern' : 'support-cell'} title={[concern, c.levelOfSupport, c.endOfSupport && `end of support ${c.endOfSupport}`].filter(Boolean).join(' · ') || undefined} data-concern={concern ? 'true' : undefined}>
        {c.levelOfSupport || c.endOfSupport ? (
          <>
            {c.levelOfSupport ? <span className="support-level">{c.levelOfSupport}</span> : null}
            {c.endOfSupport ? (
              <span className="support-date">
                {isPastDate(c.endOfSupport, today) ? 'ended' : 'until'} {c.endOfSupport.slice(0, 10)}
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="nowrap small">{SBOM_LABEL_NAMES[c.sbomLabel] ?? c.sbomLabel}</td>
    </tr>
  );
}
