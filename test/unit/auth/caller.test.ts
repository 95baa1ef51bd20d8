import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type Caller, callerOf, type Group, requireGroup } from '../../../functions/auth/caller.ts';
import { ForbiddenError, UnauthenticatedError } from '../../../functions/platform/errors.ts';
import { problemOf } from '../../../functions/platform/http-errors.ts';
import { apiEvent } from '../../support/api-event.ts';

// The claims a REST API's Cognito authorizer delivers: every value a string.
const claims = {
  sub: '7d8e2f4a-1b3c-4d5e-8f90-123456789abc',
  email: 'Anna.Rep@Example.com',
  email_verified: 'true',
  'cognito:username': '7d8e2f4a-1b3c-4d5e-8f90-123456789abc',
  token_use: 'id',
  auth_time: '1795367781',
  iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Abc123',
  exp: 'Mon Nov 22 18:16:21 UTC 2026',
  iat: 'Mon Nov 22 17:16:21 UTC 2026',
};

const signedIn = (extra: Record<string, string> = {}, without: string[] = []): APIGatewayProxyEvent => {
  const event = apiEvent({ method: 'GET', path: '/reps' });
  const delivered = Object.fromEntries(Object.entries({ ...claims, ...extra }).filter(([name]) => !without.includes(name)));
  return { ...event, requestContext: { ...event.requestContext, authorizer: { claims: delivered } } };
};

const caller = (groups: Group[]): Caller => ({ sub: claims.sub, email: 'anna.rep@example.com', groups });

describe('callerOf', () => {
  it('reads the person from the claims, the address lower-cased', () => {
    expect(callerOf(signedIn({ 'cognito:groups': 'rep' }))).toEqual({
      sub: claims.sub,
      email: 'anna.rep@example.com',
      groups: ['rep'],
    });
  });

  it.each([
    { name: 'comma-separated, as REST APIs deliver them', claim: 'rep,manager' },
    { name: 'bracketed and space-separated, as HTTP APIs deliver them', claim: '[manager rep]' },
    { name: 'with other groups of the pool among them', claim: 'eu-central-1_Abc123_Google,manager,rep,auditors' },
  ])('reads several groups written $name', ({ claim }) => {
    expect(callerOf(signedIn({ 'cognito:groups': claim })).groups).toEqual(['rep', 'manager']);
  });

  it('reads the privacy group', () => {
    expect(callerOf(signedIn({ 'cognito:groups': 'privacy' })).groups).toEqual(['privacy']);
  });

  it('reads a person in no group, whose token has no cognito:groups claim', () => {
    expect(callerOf(signedIn()).groups).toEqual([]);
  });

  it.each([
    { name: 'no authorizer', event: apiEvent({ method: 'GET', path: '/reps' }) },
    { name: 'an authorizer without claims', event: { ...signedIn(), requestContext: { ...signedIn().requestContext, authorizer: {} } } },
    { name: 'claims without sub', event: signedIn({}, ['sub']) },
    { name: 'claims without email (an access token)', event: signedIn({ token_use: 'access' }, ['email']) },
  ])('refuses $name as unauthenticated, answered with 401', ({ event }) => {
    const act = () => callerOf(event);

    expect(act).toThrow(UnauthenticatedError);
    expect(problemOf(catchError(act)).statusCode).toBe(401);
  });
});

describe('requireGroup', () => {
  it.each([
    { name: 'a rep to rep routes', groups: ['rep'], group: 'rep' },
    { name: 'a manager to rep routes', groups: ['manager'], group: 'rep' },
    { name: 'a manager to manager routes', groups: ['manager'], group: 'manager' },
    { name: 'a rep who also manages to manager routes', groups: ['rep', 'manager'], group: 'manager' },
    { name: 'the privacy group to privacy routes', groups: ['privacy'], group: 'privacy' },
  ] satisfies { name: string; groups: Group[]; group: Group }[])('admits $name', ({ groups, group }) => {
    expect(() => requireGroup(caller(groups), group)).not.toThrow();
  });

  it.each([
    { name: 'a rep from manager routes', groups: ['rep'], group: 'manager' },
    { name: 'a person in no group from rep routes', groups: [], group: 'rep' },
    { name: 'a person in no group from manager routes', groups: [], group: 'manager' },
    { name: 'a manager from privacy routes', groups: ['manager'], group: 'privacy' },
    { name: 'a rep from privacy routes', groups: ['rep'], group: 'privacy' },
    { name: 'the privacy group from rep routes', groups: ['privacy'], group: 'rep' },
    { name: 'the privacy group from manager routes', groups: ['privacy'], group: 'manager' },
  ] satisfies { name: string; groups: Group[]; group: Group }[])('refuses $name with 403', ({ groups, group }) => {
    const act = () => requireGroup(caller(groups), group);

    expect(act).toThrow(ForbiddenError);
    expect(problemOf(catchError(act))).toMatchObject({ statusCode: 403, code: 'forbidden' });
  });
});

function catchError(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
