// A release's findings: the state behind the "Findings" tab (loaded up front, for the counts badge) and the tab itself.
import { useState } from 'react';
import { api } from '../api.ts';
import type { FindingCounts, ReleaseFindingPage } from '../api.ts';
import { formatCount } from '../format.ts';
import { DEFAULT_FINDING_FILTERS, findingQueryOf } from '../findings.ts';
import type { FindingFilters } from '../findings.ts';
import { useResource } from '../ui.tsx';
import type { Resource } from '../ui.tsx';
import { FindingFilterBar, FindingTable } from './finding-table.tsx';

export interface ReleaseFindingsState {
  filters: FindingFilters;
  update: (change: Partial<FindingFilters>) => void;
  page: Resource<ReleaseFindingPage>;
}

/** Loads the release's findings; `version` changes when an SBOM import finishes (findings are computed then). */
export function useReleaseFindings(releaseId: string, version: number): ReleaseFindingsState {
  const [filters, setFilters] = useState<FindingFilters>(DEFAULT_FINDING_FILTERS);
  const page = useResource(() => api.listReleaseFindings(releaseId, findingQueryOf(filters)), [releaseId, version, JSON.stringify(filters)]);
  // Any change other than paging goes back to the first page.
  const update = (change: Partial<FindingFilters>) => setFilters((current) => ({ ...current, offset: 0, ...change }));
  return { filters, update, page };
}

/** "3 active · 1 needs a look" for the tab badge's tooltip. */
export function countsTitle(counts: FindingCounts): string {
  return `${formatCount(counts.active)} active (${formatCount(counts.affected)} affected, ${formatCount(counts.indeterminate)} need a look), ${formatCount(counts.inactive)} retracted`;
}

export function ReleaseFindings({ state }: { state: ReleaseFindingsState }) {
  const { filters, update, page } = state;
  const data = page.data;
  const counts = data?.counts;
  return (
    <section className="card" aria-labelledby="findings-heading" data-testid="finding-section">
      <div className="section-head section-head-padded">
        <h2 id="findings-heading">
          Findings{' '}
          <span className="count" data-testid="finding-total" data-total={data ? data.total : undefined}>
            {data ? formatCount(data.total) : ''}
          </span>
        </h2>
        {counts ? (
          <div className="finding-counts small" data-testid="finding-counts">
            <span>
              <strong>{formatCount(counts.affected)}</strong> affected
            </span>
            <span className={counts.indeterminate > 0 ? 'text-warn' : undefined}>
              <strong>{formatCount(counts.indeterminate)}</strong> need a look
            </span>
            <span className="muted">
              <strong>{formatCount(counts.inactive)}</strong> retracted
            </span>
          </div>
        ) : null}
      </div>
      <div className="section-toolbar">
        <FindingFilterBar filters={filters} onChange={update} idPrefix="release-findings" />
      </div>
      <FindingTable
        items={data?.items ?? []}
        total={data?.total ?? 0}
        loading={page.loading}
        loaded={data !== undefined}
        error={page.error}
        filters={filters}
        onChange={update}
        emptyHint="No component of this release matches a known vulnerability. Findings are computed when an SBOM import finishes and whenever new advisories arrive."
      />
    </section>
  );
}
