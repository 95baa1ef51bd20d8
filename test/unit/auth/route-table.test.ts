import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Group } from '../../../functions/auth/caller.ts';
import { ForbiddenError, RouteNotServedError, UnauthenticatedError } from '../../../functions/platform/errors.ts';
import { problemOf } from '../../../functions/platform/http-errors.ts';
import { jsonResponse } from '../../../functions/platform/http-response.ts';
import { type RouteAnswer, routeTable } from '../../../functions/auth/route-table.ts';
import { routes } from '../../../infra/wiring/routes.ts';
import { apiEvent } from '../../support/api-event.ts';

const signedIn = (method: string, resource: string, groups: Group[] | null): APIGatewayProxyEvent => {
  const event = apiEvent({ method, path: resource });
  if (groups) event.requestContext.authorizer = { claims: { sub: 'sub-1', email: 'Maria@Stoke.example', 'cognito:groups': groups.join(',') } };
  return event;
};
const answeredBy = (route: string): RouteAnswer => async (_event, caller) => jsonResponse(200, { route, caller: caller.email });
const salesDesk = routeTable('sales-desk', {
  'GET /me/leads': answeredBy('GET /me/leads'),
  'POST /leads/merge': answeredBy('POST /leads/merge'),
  'GET /leads/{leadId}': answeredBy('GET /leads/{leadId}'),
  'DELETE /leads/{leadId}': answeredBy('DELETE /leads/{leadId}'),
  'POST /leads/{leadId}/contacts': answeredBy('POST /leads/{leadId}/contacts'),
  'PUT /leads/{leadId}/status': answeredBy('PUT /leads/{leadId}/status'),
  'POST /leads/{leadId}/recycle': answeredBy('POST /leads/{leadId}/recycle'),
  'PUT /leads/{leadId}/next-step': answeredBy('PUT /leads/{leadId}/next-step'),
  'POST /leads/{leadId}/next-step/skip': answeredBy('POST /leads/{leadId}/next-step/skip'),
  'GET /leads/{leadId}/export': answeredBy('GET /leads/{leadId}/export'),
  'GET /team': answeredBy('GET /team'),
  'POST /leads/{leadId}/reassign': answeredBy('POST /leads/{leadId}/reassign'),
  'GET /sales/policy': answeredBy('GET /sales/policy'),
  'GET /privacy/audit': answeredBy('GET /privacy/audit'),
});

describe('routeTable', () => {
  it.each(routes.filter((route) => route.function === 'sales-desk').map((route) => ({ name: `${route.method} ${route.path}`, route })))(
    'dispatches $name to its answer for a caller of its groups',
    async ({ route }) => {
      const groups: Group[] = typeof route.access === 'string' ? [route.access as Group] : [...route.access];

      const response = await salesDesk(signedIn(route.method, route.path, groups));

      expect(JSON.parse(response.body)).toEqual({ route: `${route.method} ${route.path}`, caller: 'maria@stoke.example' });
    },
  );

  it.each([
    { name: 'a rep on a privacy-group route', method: 'GET', resource: '/privacy/audit', groups: ['rep'] as Group[] },
    { name: 'a privacy officer on a rep route', method: 'GET', resource: '/me/leads', groups: ['privacy'] as Group[] },
    { name: "a rep on the manager's team board", method: 'GET', resource: '/team', groups: ['rep'] as Group[] },
    { name: 'a rep reassigning a lead', method: 'POST', resource: '/leads/{leadId}/reassign', groups: ['rep'] as Group[] },
    { name: 'a privacy officer reading the sales policy', method: 'GET', resource: '/sales/policy', groups: ['privacy'] as Group[] },
  ])('refuses $name from the table\'s access', async ({ method, resource, groups }) => {
    await expect(salesDesk(signedIn(method, resource, groups))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('leaves a route for several groups to its answer, which decides per lead and audits its refusals', async () => {
    const response = await salesDesk(signedIn('GET', '/leads/{leadId}/export', ['rep']));

    expect(response.statusCode).toBe(200);
  });

  it('refuses a request without sign-in before looking at the route', async () => {
    await expect(salesDesk(signedIn('GET', '/me/leads', null))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('answers 405 to a method and path the function does not serve', async () => {
    const refused = await salesDesk(signedIn('PATCH', '/me/leads', ['rep'])).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(RouteNotServedError);
    expect(problemOf(refused)).toMatchObject({ statusCode: 405, code: 'method-not-allowed' });
  });

  it('refuses to start without an answer for every route the table gives the function', () => {
    expect(() => routeTable('reps', {} as never)).toThrow(/does not answer/);
  });
});
