import { useState } from 'react';
import { api } from '../api.ts';
import type { Product, Release } from '../api.ts';
import { SUPPORT_STATUS_LABELS, SUPPORT_TONES, deviceClassLabel, formatCount, formatDate, isPastDate, pathwayLabel, todayIso } from '../format.ts';
import { navigate, productPath, releasePath, useDocumentTitle } from '../router.ts';
import { Badge, EmptyState, Link, ProblemView, Spinner, useResource } from '../ui.tsx';
import { ReleaseDialog } from './release-dialog.tsx';
import { ReleasePanel } from './release-panel.tsx';

export function ProductPage({ slug, releaseId }: { slug: string; releaseId: string | null }) {
  const product = useResource(() => api.getProduct(slug), [slug]);
  const releases = useResource(() => api.listReleases(slug), [slug]);
  const [creating, setCreating] = useState(false);
  useDocumentTitle(product.data?.name ?? 'Product');

  if (product.error && !product.data) {
    return (
      <div className="page">
        <Breadcrumbs product={null} />
        {product.error.status === 404 ? (
          <EmptyState title="Product not found" testId="product-not-found" action={<Link to="/" className="button">Back to products</Link>}>
            No product is called <code>{slug}</code>. It may have been renamed.
          </EmptyState>
        ) : (
          <ProblemView problem={product.error} />
        )}
      </div>
    );
  }
  if (!product.data) {
    return (
      <div className="page">
        <Spinner label="Loading product…" />
      </div>
    );
  }

  const p = product.data;
  const items = releases.data ?? [];
  const selected = releaseId ? items.find((r) => r.id === releaseId) ?? null : null;

  return (
    <div className="page">
      <Breadcrumbs product={p} />
      <ProductHeader product={p} />
      <div className="split">
        <aside className="split-side" aria-label="Releases">
          <div className="section-head">
            <h2>Releases</h2>
            <button type="button" className="button button-small" onClick={() => setCreating(true)} data-testid="new-release">
              New release
            </button>
          </div>
          {releases.error ? <ProblemView problem={releases.error} /> : null}
          {releases.loading && !releases.data ? <Spinner label="Loading releases…" /> : null}
          {releases.data && items.length === 0 ? (
            <EmptyState title="No releases yet" testId="releases-empty">
              Create a release for each version you ship, then upload its SBOMs.
            </EmptyState>
          ) : null}
          {items.length > 0 ? (
            <ul className="release-list" data-testid="release-list">
              {items.map((release) => (
                <ReleaseItem key={release.id} release={release} slug={p.slug} selected={release.id === releaseId} />
              ))}
            </ul>
          ) : null}
        </aside>
        <section className="split-main" aria-label="Release details">
          {releaseId === null ? (
            items.length > 0 ? (
              <EmptyState title="Select a release" testId="release-hint">
                Choose a release on the left to see its SBOMs and software components.
              </EmptyState>
            ) : releases.data ? (
              <EmptyState
                title="Start with a release"
                action={
                  <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
                    New release
                  </button>
                }
              >
                A release is one version of the device software. Its SBOMs list the components it ships.
              </EmptyState>
            ) : null
          ) : selected ? (
            <ReleasePanel
              key={selected.id}
              release={selected}
              onChanged={() => {
                releases.reload();
                product.reload();
              }}
            />
          ) : releases.data ? (
            <EmptyState title="Release not found" action={<Link to={productPath(p.slug)} className="button">Show all releases</Link>}>
              This product has no release with id <code>{releaseId}</code>.
            </EmptyState>
          ) : null}
        </section>
      </div>
      <ReleaseDialog
        open={creating}
        productId={p.id}
        onClose={() => setCreating(false)}
        onCreated={(release) => {
          setCreating(false);
          releases.setData((current) => [release, ...(current ?? []).filter((r) => r.id !== release.id)]);
          product.reload();
          navigate(releasePath(p.slug, release.id));
        }}
      />
    </div>
  );
}

function Breadcrumbs({ product }: { product: Product | null }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <Link to="/">Products</Link>
      {product ? (
        <>
          <span aria-hidden="true">/</span>
          <span aria-current="page">{product.name}</span>
        </>
      ) : null}
    </nav>
  );
}

function Criterion({ met, children }: { met: boolean; children: string }) {
  return (
    <li className={met ? 'criterion criterion-met' : 'criterion'}>
      <span className="criterion-mark" aria-hidden="true">
        {met ? '✓' : '–'}
      </span>
      {children}
      <span className="visually-hidden">{met ? ' (yes)' : ' (no)'}</span>
    </li>
  );
}

function ProductHeader({ product }: { product: Product }) {
  const c = product.cyberDeviceCriteria;
  return (
    <header className="card product-header" data-testid="product-header">
      <div className="product-title">
        <h1 data-testid="product-name">{product.name}</h1>
        {product.cyberDevice ? (
          <Badge tone="accent" title="Meets all three FD&C Act section 524B criteria" testId="cyber-badge">
            Cyber device
          </Badge>
        ) : (
          <Badge tone="neutral" title="Does not meet all three section 524B criteria">
            Not a cyber device
          </Badge>
        )}
      </div>
      <p className="product-maker">
        {product.manufacturer} · Model {product.model || '—'} · <span className="mono muted">{product.slug}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>Class</dt>
          <dd>{deviceClassLabel(product.deviceClass)}</dd>
        </div>
        <div>
          <dt>Pathway</dt>
          <dd>{pathwayLabel(product.regulatoryPathway)}</dd>
        </div>
        <div>
          <dt>Markets</dt>
          <dd>{product.markets.length > 0 ? product.markets.join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>Service life</dt>
          <dd>{product.serviceLifeYears === null ? '—' : `${product.serviceLifeYears} ${product.serviceLifeYears === 1 ? 'year' : 'years'}`}</dd>
        </div>
        <div>
          <dt>Releases</dt>
          <dd>{formatCount(product.releaseCount)}</dd>
        </div>
        <div>
          <dt>Components</dt>
          <dd>{formatCount(product.componentCount)}</dd>
        </div>
        <div className="facts-wide">
          <dt>524B criteria</dt>
          <dd>
            <ul className="criteria">
              <Criterion met={c.includesSoftware}>Includes software</Criterion>
              <Criterion met={c.connectsToInternet}>Connects to the internet</Criterion>
              <Criterion met={c.vulnerableCharacteristics}>Vulnerable characteristics</Criterion>
            </ul>
          </dd>
        </div>
        {product.intendedUse ? (
          <div className="facts-full">
            <dt>Intended use</dt>
            <dd className="intended-use" title={product.intendedUse}>
              {product.intendedUse}
            </dd>
          </div>
        ) : null}
      </dl>
    </header>
  );
}

function ReleaseItem({ release, slug, selected }: { release: Release; slug: string; selected: boolean }) {
  const today = todayIso(new Date());
  const eosPast = isPastDate(release.endOfSupport, today);
  return (
    <li>
      <Link
        to={releasePath(slug, release.id)}
        className={selected ? 'release-item release-item-selected' : 'release-item'}
        aria-current={selected ? 'page' : undefined}
        data-testid="release-row"
        data-version={release.version}
      >
        <span className="release-line">
          <span className="release-version">{release.version}</span>
          {release.variant ? <span className="release-variant">{release.variant}</span> : null}
          <Badge tone={SUPPORT_TONES[release.supportStatus]}>{SUPPORT_STATUS_LABELS[release.supportStatus]}</Badge>
        </span>
        <span className="release-meta">
          <span>{release.releaseDate ? `Released ${formatDate(release.releaseDate)}` : 'No release date'}</span>
          {release.endOfSupport ? (
            <span className={eosPast ? 'text-danger' : undefined}>
              {eosPast ? 'Support ended' : 'Support until'} {formatDate(release.endOfSupport)}
            </span>
          ) : null}
        </span>
        <span className="release-meta">
          {formatCount(release.sbomCount)} {release.sbomCount === 1 ? 'SBOM' : 'SBOMs'} · {formatCount(release.componentCount)} components
        </span>
      </Link>
    </li>
  );
}
