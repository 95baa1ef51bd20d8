import { createHmac, randomBytes } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callerOf } from '../../functions/auth/caller.ts';
import { startApiServer } from '../../infra/local/api-server.ts';
import type { LocalEndpoint } from '../../infra/local/aws-json-server.ts';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { Route } from '../../infra/wiring/routes.ts';

// A route table of this test's own: the stack's routes change as capabilities arrive.
const testRoutes: Route[] = [
  { method: 'GET', path: '/reps', function: 'capture', access: 'manager' },
  { method: 'POST', path: '/leads', function: 'capture', access: 'public' },
  { method: 'DELETE', path: '/leads/{leadId}', function: 'capture', access: ['manager', 'privacy'] },
];

let api: LocalEndpoint;
let invoked: APIGatewayProxyEvent[];

beforeAll(async () => {
  api = await startApiServer({
    port: 0,
    routes: testRoutes,
    clock: { now: () => new Date() },
    invoke: async (_target, event) => {
      invoked.push(event as APIGatewayProxyEvent);
      return { statusCode: 200, body: '{}' };
    },
  });
});
afterAll(() => api?.stop());
beforeEach(() => {
  invoked = [];
});

const getReps = (headers: Record<string, string> = {}) => fetch(`${api.endpoint}/reps`, { headers });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const hours = (n: number) => n * 60 * 60 * 1000;

describe('the local Cognito authorizer', () => {
  it('answers 401 as API Gateway does, without invoking the handler, when no token is sent', async () => {
    const response = await getReps();

    expect(response.status).toBe(401);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
    expect(invoked).toHaveLength(0);
  });

  it.each([
    {
      name: 'signed with another key',
      token: async () => {
        const [header, payload] = (await issueDevToken('anna@example.com', ['manager'])).split('.');
        return `${header}.${payload}.${createHmac('sha256', randomBytes(32)).update(`${header}.${payload}`).digest('base64url')}`;
      },
    },
    {
      name: "a rep's token rewritten to claim the manager group",
      token: async () => {
        const [header, payload, signature] = (await issueDevToken('anna@example.com', ['rep'])).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
        const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['manager'] })).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
    },
    {
      name: 'unsigned (alg none)',
      token: async () => {
        const [, payload] = (await issueDevToken('anna@example.com', ['manager'])).split('.');
        return `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      },
    },
    { name: 'not a JWT', token: async () => 'let-me-in' },
  ])('answers 401 Unauthorized to a token $name', async ({ token }) => {
    const response = await getReps(bearer(await token()));

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
    expect(invoked).toHaveLength(0);
  });

  it('answers 401 with API Gateway\'s own message to an expired token', async () => {
    const token = await issueDevToken('anna@example.com', ['manager'], new Date(Date.now() - hours(13)));

    const response = await getReps(bearer(token));

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'The incoming token has expired' });
    expect(invoked).toHaveLength(0);
  });

  it('hands a valid token\'s claims to the handler as API Gateway does: every value a string', async () => {
    const token = await issueDevToken('Mia.Manager@Example.com', ['rep', 'manager']);

    const response = await getReps(bearer(token));

    expect(response.status).toBe(200);
    expect(invoked).toHaveLength(1);
    const { claims } = invoked[0]!.requestContext.authorizer as { claims: Record<string, unknown> };
    const javaDate = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/;
    expect(claims).toEqual({
      sub: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      email: 'mia.manager@example.com',
      'cognito:groups': 'rep,manager',
      token_use: 'id',
      iss: 'stoke-local',
      iat: expect.stringMatching(javaDate),
      exp: expect.stringMatching(javaDate),
    });
    expect(Date.parse(String(claims.exp)) - Date.parse(String(claims.iat))).toBe(hours(12));
    expect(callerOf(invoked[0]!)).toEqual({ sub: claims.sub, email: 'mia.manager@example.com', groups: ['rep', 'manager'] });
  });

  it('accepts the raw token without the Bearer prefix, as API Gateway does', async () => {
    const response = await getReps({ Authorization: await issueDevToken('mia@example.com', ['manager']) });

    expect(response.status).toBe(200);
    expect(invoked).toHaveLength(1);
  });

  it('gives a person the same sub in every token', async () => {
    await getReps(bearer(await issueDevToken('mia@example.com', ['manager'])));
    await getReps(bearer(await issueDevToken('MIA@example.com', ['manager'], new Date(Date.now() - hours(1)))));

    const [first, second] = invoked.map((event) => callerOf(event).sub);
    expect(second).toBe(first);
  });

  it("leaves group checks to the handler: a rep's valid token reaches a manager route", async () => {
    const response = await getReps(bearer(await issueDevToken('anna@example.com', ['rep'])));

    expect(response.status).toBe(200);
    expect(callerOf(invoked[0]!).groups).toEqual(['rep']);
  });

  it('guards a route open to several groups like any other, and hands the privacy group on', async () => {
    const erase = (headers: Record<string, string> = {}) => fetch(`${api.endpoint}/leads/lead-1`, { method: 'DELETE', headers });

    expect((await erase()).status).toBe(401);
    expect((await erase(bearer(await issueDevToken('dpo@example.com', ['privacy'])))).status).toBe(200);
    expect(invoked).toHaveLength(1);
    expect(callerOf(invoked[0]!)).toMatchObject({ email: 'dpo@example.com', groups: ['privacy'] });
  });

  it('lets public routes through without a token and without claims', async () => {
    const response = await fetch(`${api.endpoint}/leads`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(200);
    expect(invoked[0]?.requestContext.authorizer).toBeNull();
  });
});
