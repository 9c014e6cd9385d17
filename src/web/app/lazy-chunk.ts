import { lazy, type ComponentType } from 'react';


/**
 * React.lazy for one named export of a chunk. After a new release is deployed the old chunk names
 * are gone, and a page opened from the old index.html cannot load them: the first failure reloads
 * the page once (fresh index.html, new names). A failure after that reload is a real one and goes
 * to the error boundary (React.lazy keeps a failed load, so that screen's retry cannot help; the
 * browser's reload can).
 */
export function lazyChunk<P extends object = object>(load: () => Promise<Record<string, unknown>>, name: string) {
  // Per chunk: another chunk loading fine after the reload says nothing about this one.
  const reloaded = `loandesk:chunk-reloaded:${name}`;
  return lazy(async () => {
    try {
      const chunk = await load();
      sessionStorage.removeItem(reloaded);
      return { default: chunk[name] as ComponentType<P> };
    } catch (err) {
      if (sessionStorage.getItem(reloaded) === null) {
        sessionStorage.setItem(reloaded, '1');
        window.location.reload();
        return new Promise<never>(() => {});
      }
      throw err;
    }
  });
}
