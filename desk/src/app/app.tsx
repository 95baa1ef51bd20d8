import { useEffect } from 'preact/hooks';
import type { Api } from '../api/client.ts';
import type { Auth } from '../auth/auth.ts';
import { LocalSignInPage } from '../auth/local-sign-in-page.tsx';
import { InboxPage } from '../inbox/inbox-page.tsx';
import { LeadPage } from '../lead/lead-page.tsx';
import { followDeskLinks, useLocation } from './router.ts';

/** The shell: who is signed in, the way back to the inbox, and the page the address names. */
export function App({ auth, api }: { auth: Auth; api: Api }) {
  const { path, query } = useLocation();
  useEffect(() => {
    addEventListener('click', followDeskLinks);
    return () => removeEventListener('click', followDeskLinks);
  }, []);

  if (auth.mode === 'local' && path === '/desk/sign-in') return <LocalSignInPage returnTo={query.get('return')} />;
  const session = auth.session();
  if (!session) {
    auth.signIn(path + location.search);
    return <p class="loading">Signing you in…</p>;
  }

  const lead = /^\/desk\/leads\/([^/]+)\/?$/.exec(path);
  let page;
  if (path === '/desk/' || path === '/desk' || path === '/desk/leads' || path === '/desk/leads/') page = <InboxPage api={api} status={query.get('status') ?? 'open'} />;
  else if (lead) page = <LeadPage key={lead[1]} api={api} leadId={decodeURIComponent(lead[1]!)} />;
  else page = <NotFound />;

  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="bar">
        <a class="brand" href="/desk/">Stoke desk</a>
        <nav aria-label="Desk">
          <a href="/desk/leads" aria-current={lead ? undefined : 'page'}>My leads</a>
        </nav>
        <span class="who" title={session.user.groups.join(', ')}>{session.user.email}</span>
        <button type="button" class="quiet" onClick={() => void auth.signOut()}>Sign out</button>
      </header>
      <main id="main">{page}</main>
    </>
  );
}

function NotFound() {
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        The desk has no page at this address. <a href="/desk/">Back to my leads</a>
      </p>
    </section>
  );
}
