// A tiny History API router, no dependency.
import { useEffect, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'portfolio' }
  | { name: 'product'; slug: string; releaseId: string | null }
  | { name: 'vulnerabilities' }
  | { name: 'vulnerability'; id: string }
  | { name: 'findings' }
  | { name: 'feeds' }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'deadlines' }
  | { name: 'tasks' }
  | { name: 'settings-clocks' }
  | { name: 'settings-users' }
  | { name: 'notifications' }
  | { name: 'not-found'; path: string };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Maps a pathname to a route: `/`, `/products/:slug`, `/products/:slug/releases/:releaseId`,
 * `/vulnerabilities`, `/vulnerabilities/:id`, `/findings`, `/feeds`, `/cases`, `/cases/:number`, `/deadlines`, `/tasks`, `/settings/clocks`, `/settings/users`, `/notifications`.
 */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '');
  if (parts.length === 0) return { name: 'portfolio' };
  if (parts[0] === 'products' && parts[1] !== undefined) {
    const slug = decode(parts[1]);
    if (slug !== null && parts.length === 2) return { name: 'product', slug, releaseId: null };
    if (slug !== null && parts.length === 4 && parts[2] === 'releases' && parts[3] !== undefined) {
      const releaseId = decode(parts[3]);
      if (releaseId !== null) return { name: 'product', slug, releaseId };
    }
  }
  if (parts[0] === 'vulnerabilities' && parts.length === 1) return { name: 'vulnerabilities' };
  if (parts[0] === 'vulnerabilities' && parts.length === 2 && parts[1] !== undefined) {
    const id = decode(parts[1]);
    if (id !== null && id.trim() !== '') return { name: 'vulnerability', id };
  }
  if (parts[0] === 'findings' && parts.length === 1) return { name: 'findings' };
  if (parts[0] === 'feeds' && parts.length === 1) return { name: 'feeds' };
  if (parts[0] === 'cases' && parts.length === 1) return { name: 'cases' };
  if (parts[0] === 'cases' && parts.length === 2 && parts[1] !== undefined) {
    const id = decode(parts[1]);
    if (id !== null && id.trim() !== '') return { name: 'case', id };
  }
  if (parts[0] === 'deadlines' && parts.length === 1) return { name: 'deadlines' };
  if (parts[0] === 'tasks' && parts.length === 1) return { name: 'tasks' };
  if (parts[0] === 'settings' && parts[1] === 'clocks' && parts.length === 2) return { name: 'settings-clocks' };
  if (parts[0] === 'settings' && parts[1] === 'users' && parts.length === 2) return { name: 'settings-users' };
  if (parts[0] === 'notifications' && parts.length === 1) return { name: 'notifications' };
  return { name: 'not-found', path: pathname };
}

export function vulnerabilityPath(id: string): string {
  return `/vulnerabilities/${encodeURIComponent(id)}`;
}

export function casePath(numberOrId: number | string): string {
  return `/cases/${encodeURIComponent(String(numberOrId))}`;
}

export function productPath(slug: string): string {
  return `/products/${encodeURIComponent(slug)}`;
}

export function releasePath(slug: string, releaseId: string): string {
  return `${productPath(slug)}/releases/${encodeURIComponent(releaseId)}`;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
  if (!options.replace) window.scrollTo(0, 0);
}

/** The current pathname, re-rendering on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The current query string (`?a=1` or ''), re-rendering on navigation. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/** Sets document.title while the calling page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Vigil` : 'Vigil';
  }, [title]);
}

/** True for clicks the browser should handle itself (new tab, download, …). */
export function isModifiedClick(event: { button: number; metaKey: boolean; altKey: boolean; ctrlKey: boolean; shiftKey: boolean }): boolean {
  return event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey;
}
