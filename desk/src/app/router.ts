import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

/** Goes to a page of the desk without reloading it. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

/** The current location; pages re-render when it changes. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const changed = () => setTick((n) => n + 1);
    listeners.add(changed);
    addEventListener('popstate', changed);
    return () => {
      listeners.delete(changed);
      removeEventListener('popstate', changed);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** Plain links work everywhere; those within the desk are followed without a reload. */
export function followDeskLinks(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link || link.target || link.origin !== location.origin || !link.pathname.startsWith('/desk/')) return;
  // A link to a place on this same page is the browser's to follow.
  if (link.hash && link.pathname === location.pathname && link.search === location.search) return;
  event.preventDefault();
  navigate(link.pathname + link.search + link.hash);
  // The new page's heading takes focus, as a page load would put the reader at the top; a link to a place in a page leaves it to the page.
  if (!link.hash) requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
}
