import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A page whose code is fetched when it is first opened, so the manager's pages
 * stay out of what a rep's first page loads (the browser keeps each chunk once fetched).
 */
export function LazyPage<P extends object>({ load, props, what }: { load: () => Promise<ComponentType<P>>; props: P; what: string }) {
  const [page, setPage] = useState<{ Page: ComponentType<P> } | { error: string } | undefined>();
  useEffect(() => {
    setPage(undefined);
    load().then(
      (Page) => setPage({ Page }),
      () => setPage({ error: `The ${what} could not be loaded. Check the connection and reload the page.` }),
    );
  }, [load]);
  if (!page) return <p aria-live="polite">Loading the {what}…</p>;
  if ('error' in page) return <p role="alert" class="error">{page.error}</p>;
  return <page.Page {...props} />;
}
