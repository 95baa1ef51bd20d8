/** `/desk/config.json`, written per environment: the local runtime serves it, the stack uploads it beside the desk. */
export type DeskConfig = {
  /** Prefix of every API path: "" locally, "/v1" behind CloudFront. */
  apiBase: string;
  auth: { mode: 'local' } | { mode: 'cognito'; authority: string; clientId: string; domain: string };
};

export async function loadConfig(): Promise<DeskConfig> {
  const response = await fetch('/desk/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`The desk's configuration could not be read (${response.status})`);
  const config = (await response.json()) as DeskConfig;
  if (typeof config.apiBase !== 'string' || !config.auth || (config.auth.mode !== 'local' && config.auth.mode !== 'cognito')) {
    throw new Error('The desk\'s configuration is not valid: it needs "apiBase" and "auth.mode"');
  }
  return config;
}
