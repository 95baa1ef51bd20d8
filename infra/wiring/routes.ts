import type { FunctionName } from './functions.ts';

export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  /** API Gateway resource path; `{name}` marks a path parameter. */
  path: string;
  function: FunctionName;
  /** Public routes sit behind WAF only; the others will need a signed-in user. */
  access: 'public';
};

/** The API: the CDK stack declares these and the local runtime serves the same. */
export const routes: readonly Route[] = [
  { method: 'POST', path: '/leads', function: 'capture', access: 'public' },
  // Preflight for JSON posts from other origins; the capture handler answers it.
  { method: 'OPTIONS', path: '/leads', function: 'capture', access: 'public' },
];
