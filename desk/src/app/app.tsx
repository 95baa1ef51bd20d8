import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Api } from '../api/client.ts';
import type { Auth } from '../auth/auth.ts';
import { LocalSignInPage } from '../auth/local-sign-in-page.tsx';
import { InboxPage } from '../inbox/inbox-page.tsx';
import { LeadPage } from '../lead/lead-page.tsx';
import type { MarketingPageProps } from '../marketing/marketing.tsx';
import { LazyPage } from './lazy-page.tsx';
import { followDeskLinks, useLocation } from './router.ts';

// The manager's pages, each a chunk of its own: a rep's first page never loads them.
const teamPage = () => import('../team/team-page.tsx').then((m) => m.TeamPage);
const reviewPage = () => import('../review/review-page.tsx').then((m) => m.ReviewPage);
const rosterPage = () => import('../roster/roster-page.tsx').then((m) => m.RosterPage);
// Marketing's pages (the marketing and manager groups), likewise, by address.
const marketingPages: Record<string, () => Promise<ComponentType<MarketingPageProps>>> = {
  '/desk/marketing': () => import('../marketing/journeys-page.tsx').then((m) => m.JourneysPage),
  '/desk/marketing/machine-filter': () => import('../marketing/filter-page.tsx').then((m) => m.FilterPage),
  '/desk/marketing/funnel': () => import('../marketing/funnel-page.tsx').then((m) => m.FunnelPage),
  '/desk/marketing/consent': () => import('../marketing/consent-page.tsx').then((m) => m.ConsentPage),
  '/desk/marketing/tips': () => import('../marketing/tips-page.tsx').then((m) => m.TipsPage),
  '/desk/marketing/scoring': () => import('../marketing/scoring-page.tsx').then((m) => m.ScoringPage),
};
const inboxPaths = ['/desk/', '/desk', '/desk/leads', '/desk/leads/'];

/** The shell: who is signed in, the way back to the inbox, and the page the address names. */
export function App({ auth, api }: { auth: Auth; api: Api }) {
  let { path, query } = useLocation();
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

  const { groups } = session.user;
  const isManager = groups.includes('manager');
  const isMarketing = isManager || groups.includes('marketing');
  // Someone only in marketing holds no leads: their desk starts at the journeys.
  const marketingOnly = isMarketing && !isManager && !groups.includes('rep');
  if (marketingOnly && inboxPaths.includes(path)) {
    history.replaceState(null, '', (path = '/desk/marketing'));
    query = new URLSearchParams();
  }
  const lead = /^\/desk\/leads\/([^/]+)\/?$/.exec(path);
  const at = path.replace(/\/$/, '');
  let page;
  if (inboxPaths.includes(path)) page = <InboxPage api={api} status={query.get('status') ?? 'open'} manager={isManager} />;
  else if (lead) page = <LeadPage key={lead[1]} api={api} leadId={decodeURIComponent(lead[1]!)} />;
  // Anyone may open these addresses: the API decides, and a rep sees its refusal.
  else if (at === '/desk/team') page = <LazyPage load={teamPage} props={{ api }} what="team board" />;
  else if (at === '/desk/review') page = <LazyPage load={reviewPage} props={{ api, week: query.get('week') }} what="weekly review" />;
  else if (at === '/desk/roster') page = <LazyPage load={rosterPage} props={{ api, managerEmail: session.user.email }} what="roster" />;
  else if (marketingPages[at]) page = <LazyPage load={marketingPages[at]} props={{ api, query, manager: isManager }} what="marketing page" />;
  else page = <NotFound marketingOnly={marketingOnly} />;
  const current = (here: boolean) => (here ? ('page' as const) : undefined);

  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="bar">
        <a class="brand" href="/desk/">Stoke desk</a>
        <nav aria-label="Desk">
          {!marketingOnly && <a href="/desk/leads" aria-current={current(!lead && !['/desk/team', '/desk/review', '/desk/roster'].includes(at) && !at.startsWith('/desk/marketing'))}>My leads</a>}
          {isManager && (
            <>
              <a href="/desk/team" aria-current={current(at === '/desk/team')}>Team</a>
              <a href="/desk/review" aria-current={current(at === '/desk/review')}>Review</a>
              <a href="/desk/roster" aria-current={current(at === '/desk/roster')}>Roster</a>
            </>
          )}
          {isMarketing && <a href="/desk/marketing" aria-current={current(at.startsWith('/desk/marketing'))}>Marketing</a>}
        </nav>
        <span class="who" title={session.user.groups.join(', ')}>{session.user.email}</span>
        <button type="button" class="quiet" onClick={() => void auth.signOut()}>Sign out</button>
      </header>
      <main id="main">{page}</main>
    </>
  );
}

function NotFound({ marketingOnly }: { marketingOnly: boolean }) {
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        The desk has no page at this address. <a href="/desk/">{marketingOnly ? 'Back to Marketing' : 'Back to my leads'}</a>
      </p>
    </section>
  );
}
