import { paths } from '../../app/router.tsx';

/** The last search the user ran in this tab, so "back to search" on a customer page restores the results. */
let lastSearchHref = paths.search();

export function rememberSearch(q: string | null): void {
  lastSearchHref = q === null ? paths.search() : paths.search(q);
}

export function lastSearch(): string {
  return lastSearchHref;
}
