import { useState } from 'react';
import { api } from '../api.ts';
import type { Product } from '../api.ts';
import { deviceClassLabel, formatCount, pathwayLabel } from '../format.ts';
import { navigate, productPath, useDocumentTitle } from '../router.ts';
import { Badge, EmptyState, Link, ProblemView, Spinner, useResource } from '../ui.tsx';
import { ProductDialog } from './product-dialog.tsx';

export function PortfolioPage() {
  useDocumentTitle('Products');
  const products = useResource(() => api.listProducts(), []);
  const [creating, setCreating] = useState(false);
  const items = products.data ?? [];

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Products</h1>
          <p className="page-sub">Medical devices in your portfolio, their releases and software components.</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="new-product">
            New product
          </button>
        </div>
      </div>

      {products.error ? <ProblemView problem={products.error} /> : null}
      {products.loading && !products.data ? <Spinner label="Loading products…" /> : null}

      {products.data && items.length === 0 ? (
        <EmptyState
          title="No products yet"
          testId="products-empty"
          action={
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              Add your first product
            </button>
          }
        >
          Add a device to start its inventory: then create a release and upload its CycloneDX SBOMs.
        </EmptyState>
      ) : null}

      {items.length > 0 ? (
        <div className="card table-card">
          <table className="table" data-testid="products-table">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Model</th>
                <th scope="col">Class</th>
                <th scope="col">Pathway</th>
                <th scope="col">Markets</th>
                <th scope="col" className="num">
                  Releases
                </th>
                <th scope="col" className="num">
                  Components
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((product) => (
                <ProductRow key={product.id} product={product} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <ProductDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(product) => {
          setCreating(false);
          products.setData((current) => [...(current ?? []), product]);
          navigate(productPath(product.slug));
        }}
      />
    </div>
  );
}

function ProductRow({ product }: { product: Product }) {
  const to = productPath(product.slug);
  return (
    <tr
      className="row-link"
      data-testid="product-row"
      data-slug={product.slug}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a,button')) return;
        navigate(to);
      }}
    >
      <td>
        <div className="cell-title">
          <Link to={to} className="strong-link" data-testid="product-link">
            {product.name}
          </Link>
          {product.cyberDevice ? (
            <Badge tone="accent" title="Meets the FD&C Act section 524B cyber device criteria" testId="cyber-badge">
              Cyber device
            </Badge>
          ) : null}
        </div>
        <div className="cell-sub">{product.manufacturer}</div>
      </td>
      <td>{product.model || '—'}</td>
      <td>{deviceClassLabel(product.deviceClass)}</td>
      <td>{pathwayLabel(product.regulatoryPathway)}</td>
      <td>
        {product.markets.length > 0 ? (
          <span className="chips">
            {product.markets.map((m) => (
              <span key={m} className="chip">
                {m}
              </span>
            ))}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="num">{formatCount(product.releaseCount)}</td>
      <td className="num">{formatCount(product.componentCount)}</td>
    </tr>
  );
}
