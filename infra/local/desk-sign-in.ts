import type { APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../functions/platform/zod.ts';
import type { LocalRoute } from './api-server.ts';
import { issueDevToken } from './dev-tokens.ts';
import { seededPeople } from './seeded-people.ts';

const SignIn = z.object({ email: z.email() });

/**
 * The desk's local sign-in (never deployed; Cognito's managed login stands
 * here in AWS): `GET /_local/people` lists whom the runtime seeds, as
 * `npm run token -- --list` does, and `POST /_local/sign-in` `{ email }`
 * answers `{ token }`, a development token with that person's groups.
 */
export function localDeskSignIn(): LocalRoute {
  return async ({ method, url, body }) => {
    if (url.pathname === '/_local/people' && method === 'GET') return json(200, { people: await seededPeople() });
    if (url.pathname !== '/_local/sign-in' || method !== 'POST') return undefined;
    let request;
    try {
      request = SignIn.safeParse(JSON.parse(body.toString('utf8')));
    } catch {
      return json(400, { message: 'Send { "email": "<one of GET /_local/people>" }' });
    }
    if (!request.success) return json(400, { message: 'Send { "email": "<one of GET /_local/people>" }' });
    const email = request.data.email.trim().toLowerCase();
    const person = (await seededPeople()).find((candidate) => candidate.email === email);
    if (!person) return json(404, { message: `${email} is not one of the people the local runtime seeds (GET /_local/people)` });
    return json(200, { token: await issueDevToken(person.email, person.groups) });
  };
}

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, body: JSON.stringify(body) };
}
