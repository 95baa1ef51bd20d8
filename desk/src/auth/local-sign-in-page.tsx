import { useEffect, useState } from 'preact/hooks';
import { safeReturnPath } from './auth.ts';
import { type LocalPerson, localPeople, localSignIn } from './local-auth.ts';

/** Local only: sign in as one of the people the local runtime seeds, with a development token. */
export function LocalSignInPage({ returnTo }: { returnTo: string | null }) {
  const [people, setPeople] = useState<LocalPerson[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    localPeople().then(setPeople, (e: Error) => setError(e.message));
  }, []);

  const signIn = async (email: string) => {
    try {
      await localSignIn(email);
      location.assign(safeReturnPath(returnTo));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>Sign in to the Stoke desk</h1>
      <p>
        Local runtime: choose who you are. Each button issues a development token that only this machine's API accepts
        (in AWS, Cognito's sign-in page stands here).
      </p>
      {returnTo && <p class="note">Your session ended. Sign in again to carry on: what you typed is kept.</p>}
      {error && <p role="alert" class="error">{error}</p>}
      {!people && !error && <p>Loading the people…</p>}
      {people && (
        <ul class="people">
          {people.map((person) => (
            <li key={person.email}>
              <button type="button" onClick={() => void signIn(person.email)}>
                Sign in as {person.name === '-' ? person.email : person.name}
              </button>
              <span class="meta">
                {person.email} · {person.groups.join(', ')}
                {person.team ? ` · ${person.team}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
