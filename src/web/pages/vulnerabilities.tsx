// Vulnerability list: one row per alias group, filters kept in the URL so a view can be shared.
import { useEffect, useRef, useState } from 'react';
import { ADVISORY_SOURCES, api } from '../api.ts';
import type { VulnerabilitySummary } from '../api.ts';
import { formatCount, formatDate, pageRange } from '../format.ts';
import { VULN_PAGE_SIZES, parseVulnFilters, sourceLabel, vulnFiltersToSearch } from '../intel.ts';
import type { VulnFilters } from '../intel.ts';
import { navigate, useDocumentTitle, usePathname, useSearch, vulnerabilityPath } from '../router.ts';
import { Badge, EmptyState, Link, ProblemView, useDebounced, useResource } from '../ui.tsx';
import { CvssChip, EpssValue, KevBadge, SourceTags } from './intel-ui.tsx';

const SEARCH_DEBOUNCE_MS = 300;

export function VulnerabilitiesPage() {
  useDocumentTitle('Vulnerabilities');
  const pathname = usePathname();
  const filters = parseVulnFilters(useSearch());
  const { q, source, kev, withdrawn, offset, limit } = filters;

  const update = (change: Partial<VulnFilters>) => {
    // Any change other than paging goes back to the first page.
    const next = { ...filters, offset: 0, ...change };
    navigate(`${pathname}${vulnFiltersToSearch(next)}`, { replace: true });
  };

  // The search box types freely; the URL follows once typing pauses. `pushed` remembers what this
  // page wrote, so that only outside changes of `q` (back/forward, a shared link) reset the box.
  const [search, setSearch] = useState(q);
  const debounced = useDebounced(search, SEARCH_DEBOUNCE_MS);
  const pushed = useRef(q);
  useEffect(() => {
    if (debounced.trim() === q.trim()) return;
    pushed.current = debounced.trim();
    update({ q: debounced });
  }, [debounced]);
  useEffect(() => {
    if (q !== pushed.current) {
      pushed.current = q;
      setSearch(q);
    }
  }, [q]);

  const page = useResource(
    () => api.listVulnerabilities({ q, source: source || undefined, kev, includeWithdrawn: withdrawn, offset, limit }),
    [q, source, kev, withdrawn, offset, limit],
  );
  const data = page.data;
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const filtered = q !== '' || source !== '' || kev;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Vulnerabilities</h1>
          <p className="page-sub">Every source’s advisories, grouped by alias: one row per vulnerability, with exploitation signals.</p>
        </div>
        <div className="page-actions">
          <Link to="/feeds" className="button">
            Feed status
          </Link>
        </div>
      </div>

      <section className="card" aria-labelledby="vulns-heading">
        <div className="section-head section-head-padded">
          <h2 id="vulns-heading">
            {filtered ? 'Matching' : 'All'}{' '}
            <span className="count" data-testid="vuln-total" data-total={data ? total : undefined}>
              {data ? formatCount(total) : ''}
            </span>
          </h2>
          <div className="toolbar">
            <label className="visually-hidden" htmlFor="vuln-search">
              Search vulnerabilities
            </label>
            <input
              id="vuln-search"
              type="search"
              className="search"
              placeholder="CVE, GHSA or other id, or words…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="vuln-search"
            />
            <label className="visually-hidden" htmlFor="vuln-source">
              Source
            </label>
            <select id="vuln-source" value={source} onChange={(e) => update({ source: e.target.value })} data-testid="vuln-source">
              <option value="">All sources</option>
              {ADVISORY_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {sourceLabel(s)}
                </option>
              ))}
            </select>
            <label className="toggle">
              <input type="checkbox" checked={kev} onChange={(e) => update({ kev: e.target.checked })} data-testid="vuln-kev-only" />
              Known exploited only
            </label>
            <label className="toggle">
              <input type="checkbox" checked={withdrawn} onChange={(e) => update({ withdrawn: e.target.checked })} data-testid="vuln-withdrawn" />
              Show withdrawn
            </label>
          </div>
        </div>

        {page.error ? <ProblemView problem={page.error} /> : null}

        {data && items.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No vulnerabilities match"
              testId="vulns-empty"
              action={
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    pushed.current = '';
                    setSearch('');
                    update({ q: '', source: '', kev: false });
                  }}
                >
                  Clear filters
                </button>
              }
            >
              {describeEmpty(q, source, kev)} Search by any identifier (CVE, GHSA, OSV id, advisory id) or by words of the summary.
            </EmptyState>
          ) : (
            <EmptyState title="No vulnerability intelligence yet" testId="vulns-empty" action={<Link to="/feeds" className="button">Open feed status</Link>}>
              Vulnerabilities appear here once the feeds have synced, or after <code>vigil feeds import</code>.
            </EmptyState>
          )
        ) : null}

        {items.length > 0 || (!data && page.loading) ? (
          <div className={page.loading ? 'table-scroll is-loading' : 'table-scroll'} aria-busy={page.loading}>
            <table className="table table-compact table-vulns" data-testid="vuln-table">
              <colgroup>
                <col className="c-id" />
                <col className="c-summary" />
                <col className="c-cvss" />
                <col className="c-kev" />
                <col className="c-epss" />
                <col className="c-sources" />
                <col className="c-modified" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">Vulnerability</th>
                  <th scope="col">Summary</th>
                  <th scope="col">CVSS</th>
                  <th scope="col">Exploited</th>
                  <th scope="col">EPSS</th>
                  <th scope="col">Sources</th>
                  <th scope="col">Modified</th>
                </tr>
              </thead>
              <tbody>
                {items.map((v) => (
                  <VulnerabilityRow key={v.groupId} vuln={v} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}

        {data && total > 0 ? (
          <div className="pager">
            <label className="pager-size">
              Rows per page
              <select value={limit} onChange={(e) => update({ limit: Number(e.target.value) })} data-testid="vuln-page-size">
                {VULN_PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
            <span className="pager-range" data-testid="vuln-page-range" aria-live="polite">
              {pageRange(offset, items.length, total)}
            </span>
            <div className="pager-buttons">
              <button type="button" className="button button-small" disabled={offset === 0} onClick={() => update({ offset: Math.max(0, offset - limit) })} data-testid="vuln-page-prev">
                Previous
              </button>
              <button type="button" className="button button-small" disabled={offset + items.length >= total} onClick={() => update({ offset: offset + limit })} data-testid="vuln-page-next">
                Next
              </button>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}

/** "Nothing matches “log4j” in NVD records among known exploited vulnerabilities." */
function describeEmpty(q: string, source: string, kev: boolean): string {
  return `Nothing${q ? ` matches “${q}”` : ' here'}${source ? ` in ${sourceLabel(source)} records` : ''}${kev ? ' among known exploited vulnerabilities' : ''}.`;
}

function VulnerabilityRow({ vuln: v }: { vuln: VulnerabilitySummary }) {
  const to = vulnerabilityPath(v.primaryId);
  const aliases = v.identifiers.filter((id) => id !== v.primaryId);
  return (
    <tr
      className={v.withdrawn ? 'row-link row-withdrawn' : 'row-link'}
      data-testid="vuln-row"
      data-id={v.primaryId}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a,button')) return;
        navigate(to);
      }}
    >
      <td>
        <div className="cell-title">
          <Link to={to} className="strong-link mono vuln-id" data-testid="vuln-link">
            {v.primaryId}
          </Link>
          {v.withdrawn ? <Badge tone="neutral" title="Every source withdrew or rejected it">Withdrawn</Badge> : null}
        </div>
        {aliases.length > 0 ? (
          <div className="vuln-aliases mono" title={aliases.join(', ')} data-testid="vuln-aliases">
            {aliases.join(' · ')}
          </div>
        ) : null}
      </td>
      <td>{v.summary ? <span className="clamp-2" title={v.summary}>{v.summary}</span> : <span className="muted">No summary</span>}</td>
      <td>
        <CvssChip score={v.maxCvss} />
      </td>
      <td>{v.kev ? <KevBadge kev={v.kev} /> : <span className="muted">—</span>}</td>
      <td>
        <EpssValue epss={v.epss} compact />
      </td>
      <td>
        <SourceTags sources={v.sources} />
      </td>
      <td className="nowrap small" title={v.modified}>
        {formatDate(v.modified)}
      </td>
    </tr>
  );
}
