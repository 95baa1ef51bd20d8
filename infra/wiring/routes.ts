import type { Group } from '../../functions/auth/caller.ts';
import type { FunctionName } from './functions.ts';

export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  /** API Gateway resource path; `{name}` marks a path parameter. */
  path: string;
  function: FunctionName;
  /**
   * Who may call the route. `public`: anyone, behind WAF only. `rep`: any
   * signed-in rep or manager. `manager`: members of the manager group only.
   * `privacy`: members of the privacy group only. `marketing`: members of the
   * marketing or the manager group. A list: members of any of
   * those groups, the function deciding per lead what each may do.
   * API Gateway's authorizer checks the sign-in; the function's route table
   * (functions/auth/route-table.ts) checks a single group, and leaves a
   * list to the function, which audits what it refuses.
   */
  access: 'public' | Group | readonly Group[];
};

/** The API: the CDK stack declares these and the local runtime serves the same. */
export const routes = [
  { method: 'POST', path: '/leads', function: 'capture', access: 'public' },
  // Preflight for JSON posts from other origins; the capture handler answers it.
  { method: 'OPTIONS', path: '/leads', function: 'capture', access: 'public' },
  // One-click links in handoff emails: the signed token is the credential.
  { method: 'GET', path: '/actions/{token}', function: 'lead-actions', access: 'public' },
  { method: 'POST', path: '/actions/{token}', function: 'lead-actions', access: 'public' },
  // Links in marketing email: POST on the unsubscribe link is RFC 8058's one-click unsubscribe.
  { method: 'GET', path: '/email/unsubscribe/{token}', function: 'email-preferences', access: 'public' },
  { method: 'POST', path: '/email/unsubscribe/{token}', function: 'email-preferences', access: 'public' },
  { method: 'GET', path: '/email/confirm/{token}', function: 'email-preferences', access: 'public' },
  { method: 'POST', path: '/email/confirm/{token}', function: 'email-preferences', access: 'public' },
  { method: 'GET', path: '/me/leads', function: 'sales-desk', access: 'rep' },
  { method: 'POST', path: '/leads/merge', function: 'sales-desk', access: 'rep' },
  { method: 'GET', path: '/leads/{leadId}', function: 'sales-desk', access: 'rep' },
  // Privacy requests (erasure here, export below): the privacy group for any lead, a manager for their own team's only.
  { method: 'DELETE', path: '/leads/{leadId}', function: 'sales-desk', access: ['manager', 'privacy'] },
  { method: 'POST', path: '/leads/{leadId}/contacts', function: 'sales-desk', access: 'rep' },
  { method: 'PUT', path: '/leads/{leadId}/status', function: 'sales-desk', access: 'rep' },
  { method: 'POST', path: '/leads/{leadId}/recycle', function: 'sales-desk', access: 'rep' },
  { method: 'PUT', path: '/leads/{leadId}/next-step', function: 'sales-desk', access: 'rep' },
  { method: 'POST', path: '/leads/{leadId}/next-step/skip', function: 'sales-desk', access: 'rep' },
  { method: 'GET', path: '/leads/{leadId}/export', function: 'sales-desk', access: ['manager', 'privacy'] },
  // The manager's desk: their team's board, and a lead of their team given to a rep of it they choose.
  { method: 'GET', path: '/team', function: 'sales-desk', access: 'manager' },
  { method: 'POST', path: '/leads/{leadId}/reassign', function: 'sales-desk', access: 'manager' },
  // What the desk's forms offer: the sales policy's hold-back categories and not-interested reasons.
  { method: 'GET', path: '/sales/policy', function: 'sales-desk', access: 'rep' },
  // Who exported or erased which lead, when, and what came of it.
  { method: 'GET', path: '/privacy/audit', function: 'sales-desk', access: 'privacy' },
  { method: 'GET', path: '/reports/weekly', function: 'review-report', access: 'manager' },
  // Marketing's figures for a period (`?from=&to=`), and each track's tips as they go out; managers see them too.
  { method: 'GET', path: '/marketing/journey', function: 'marketing', access: 'marketing' },
  { method: 'GET', path: '/marketing/filter-audit', function: 'marketing', access: 'marketing' },
  { method: 'GET', path: '/marketing/funnel', function: 'marketing', access: 'marketing' },
  { method: 'GET', path: '/marketing/consent', function: 'marketing', access: 'marketing' },
  { method: 'GET', path: '/marketing/tracks/{track}/tips', function: 'marketing', access: 'marketing' },
  // Marketing's sending brake: marketing sees it, only a manager resumes.
  { method: 'GET', path: '/marketing/sending', function: 'marketing', access: 'marketing' },
  { method: 'POST', path: '/marketing/sending/resume', function: 'marketing', access: 'manager' },
  // The score lab: what a scoring change would have done, which signals precede a sale; nothing is applied from here.
  { method: 'GET', path: '/marketing/scoring/model', function: 'marketing', access: 'marketing' },
  { method: 'POST', path: '/marketing/scoring/backtest', function: 'marketing', access: 'marketing' },
  { method: 'GET', path: '/marketing/scoring/signals', function: 'marketing', access: 'marketing' },
  { method: 'POST', path: '/reps/{repId}/focus', function: 'reps', access: 'manager' },
  { method: 'GET', path: '/reps', function: 'reps', access: 'manager' },
  { method: 'POST', path: '/reps', function: 'reps', access: 'manager' },
  { method: 'GET', path: '/reps/{repId}', function: 'reps', access: 'manager' },
  { method: 'PUT', path: '/reps/{repId}', function: 'reps', access: 'manager' },
] as const satisfies readonly Route[];
