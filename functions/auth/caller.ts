import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ForbiddenError, UnauthenticatedError } from '../platform/errors.ts';

/**
 * The Cognito groups Stoke knows; membership decides what a person may do.
 * `privacy` is apart from the sales groups: its members answer data subjects'
 * requests (export, erasure) about any lead, and work no leads themselves.
 * `marketing` reads marketing's figures (journeys, the machine filter's
 * audit, the funnel, consent), which managers see too; it works no leads.
 */
export const groups = ['rep', 'manager', 'privacy', 'marketing'] as const;
export type Group = (typeof groups)[number];

/** The signed-in person behind a request, read from the claims of their ID token. */
export type Caller = {
  /** Cognito's stable id of the person; an email address may change, this does not. */
  sub: string;
  /** Lower-cased, as Stoke stores every address. */
  email: string;
  /** Stoke's groups the person belongs to; other groups of the user pool are left out. */
  groups: Group[];
};

/**
 * The caller of a route behind API Gateway's Cognito authorizer, which has
 * verified the token and copied its claims into the request context.
 */
export function callerOf(event: APIGatewayProxyEvent): Caller {
  const claims: unknown = event.requestContext.authorizer?.claims;
  if (typeof claims !== 'object' || claims === null) throw new UnauthenticatedError();
  const { sub, email, 'cognito:groups': memberOf } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '' || typeof email !== 'string' || email === '') throw new UnauthenticatedError();
  return { sub, email: email.toLowerCase(), groups: groupsOf(memberOf) };
}

// REST APIs hand every claim over as a string, several groups comma-separated
// ("rep,manager"); HTTP APIs' JWT authorizers write arrays as "[rep manager]".
function groupsOf(claim: unknown): Group[] {
  if (typeof claim !== 'string') return [];
  const names = claim.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  return groups.filter((group) => names.includes(group));
}

const admittedBy: Record<Group, readonly Group[]> = {
  rep: ['rep', 'manager'],
  manager: ['manager'],
  privacy: ['privacy'],
  marketing: ['marketing', 'manager'],
};

/** Refuses a caller outside `group`; a manager may do whatever a rep or marketing may, nobody but its members what the privacy group may. */
export function requireGroup(caller: Caller, group: Group): void {
  if (!caller.groups.some((member) => admittedBy[group].includes(member))) throw new ForbiddenError(group);
}
