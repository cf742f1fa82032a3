import { useEffect, useState } from 'preact/hooks';
import { NO_FILTERS, type Filters } from './types.js';

/** Where the page is: the list's filters and, maybe, one open saga. Kept in the address hash. */
export interface Route {
  sagaId: string | null;
  filters: Filters;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const match = /^\/sagas\/([0-9a-f-]{36})$/i.exec(path);
  const params = new URLSearchParams(query);
  const filters = { ...NO_FILTERS };
  for (const key of Object.keys(NO_FILTERS) as (keyof Filters)[]) {
    filters[key] = params.get(key) ?? '';
  }
  return { sagaId: match?.[1] ?? null, filters };
}

export function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function hrefOf(route: Route): string {
  return `#/${route.sagaId ? `sagas/${route.sagaId}` : ''}${queryOf(route.filters)}`;
}

export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
