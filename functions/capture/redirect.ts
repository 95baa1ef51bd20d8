import { fieldsNeedAttention } from '../platform/request-body.ts';

/** Only hosts on the allow-list: the capture API must never become an open redirect. */
export function allowedRedirect(target: string | undefined, allowedHosts: readonly string[]): URL | undefined {
  if (target === undefined) return undefined;
  const url = new URL(target);
  if (!allowedHosts.includes(url.hostname.toLowerCase())) {
    throw fieldsNeedAttention({ field: 'redirect', message: 'must point to a site this form is allowed to return to' });
  }
  return url;
}
