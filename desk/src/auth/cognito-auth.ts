import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { type Auth, safeReturnPath } from './auth.ts';

type CognitoSettings = { authority: string; clientId: string; domain: string };

/**
 * Cognito's managed login: authorization code with PKCE, a public client (no
 * secret), back to /desk/. The ID token is the bearer token, as the API's
 * Cognito authorizer expects; it is kept in this tab's session storage only.
 */
export async function cognitoAuth(settings: CognitoSettings): Promise<{ auth: Auth; returnTo?: string }> {
  const home = `${location.origin}/desk/`;
  const users = new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: home,
    post_logout_redirect_uri: home,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });

  let returnTo: string | undefined;
  const query = new URLSearchParams(location.search);
  if (location.pathname === '/desk/' && query.has('code') && query.has('state')) {
    const user = await users.signinRedirectCallback();
    returnTo = safeReturnPath((user.state as { returnTo?: string } | undefined)?.returnTo);
  }
  let user = await users.getUser();

  return {
    returnTo,
    auth: {
      mode: 'cognito',
      session() {
        if (!user || user.expired || !user.id_token) return undefined;
        const groups = user.profile['cognito:groups'];
        return { token: user.id_token, user: { email: String(user.profile.email ?? ''), groups: Array.isArray(groups) ? groups.map(String) : [] } };
      },
      signIn(to) {
        void users.removeUser().then(() => users.signinRedirect({ state: { returnTo: safeReturnPath(to) } }));
      },
      async signOut() {
        await users.removeUser();
        user = null;
        // Cognito's managed login publishes no end_session_endpoint: its own logout ends the login session too.
        location.assign(`https://${settings.domain}/logout?client_id=${encodeURIComponent(settings.clientId)}&logout_uri=${encodeURIComponent(home)}`);
      },
    },
  };
}
