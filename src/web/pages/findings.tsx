// Portfolio findings: every product's findings in one table, filters kept in the URL so a view can be shared.
import { api } from '../api.ts';
import { formatCount } from '../format.ts';
import { findingFiltersToSearch, findingQueryOf, isNarrowed, parseFindingFilters } from '../findings.ts';
import type { FindingFilters } from '../findings.ts';
import { navigate, useDocumentTitle, usePathname, useSearch } from '../router.ts';
import { Link, useResource } from '../ui.tsx';
import { FindingFilterBar, FindingTable } from './finding-table.tsx';

export function FindingsPage() {
  useDocumentTitle('Findings');
  const pathname = usePathname();
  const search = useSearch();
  const filters = parseFindingFilters(search);
  const update = (change: Partial<FindingFilters>) => {
    // Any change other than paging goes back to the first page.
    navigate(`${pathname}${findingFiltersToSearch({ ...filters, offset: 0, ...change })}`, { replace: true });
  };
  const page = useResource(() => api.listFindings(findingQueryOf(filters)), [findingFiltersToSearch(filters)]);
  const data = page.data;
  const products = useResource(() => api.listProducts(), []);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Findings</h1>
          <p className="page-sub">Every component of every release that a known vulnerability affects, highest severity first. Expand a row to see how it was matched.</p>
        </div>
        <div className="page-actions">
          <Link to="/vulnerabilities" className="button">
            Vulnerabilities
          </Link>
        </div>
      </div>
      <section className="card" aria-labelledby="portfolio-findings-heading" data-testid="finding-section">
        <div className="section-head section-head-padded">
          <h2 id="portfolio-findings-heading">
            {isNarrowed(filters) ? 'Matching' : filters.state === 'inactive' ? 'Retracted' : filters.state === 'all' ? 'All' : 'Active'}{' '}
            <span className="count" data-testid="finding-total" data-total={data ? data.total : undefined}>
              {data ? formatCount(data.total) : ''}
            </span>
          </h2>
        </div>
        <div className="section-toolbar">
          <FindingFilterBar filters={filters} onChange={update} idPrefix="portfolio-findings" products={products.data ?? []} />
        </div>
        <FindingTable
          items={data?.items ?? []}
          total={data?.total ?? 0}
          loading={page.loading}
          loaded={data !== undefined}
          error={page.error}
          filters={filters}
          onChange={update}
          portfolio
          emptyHint="No component in the portfolio matches a known vulnerability. Upload SBOMs to releases and let the feeds sync; findings appear as soon as both meet."
        />
      </section>
    </div>
  );
}
