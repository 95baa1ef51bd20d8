import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as z from '../functions/platform/zod.ts';
// Each parses a shipped policy on import: a broken one fails synth, not the cold start of the function that needs it.
import '../functions/engagement/default-rules.ts';
import '../functions/nurture/default-policy.ts';
import '../functions/plans/default-plans.ts';
import '../functions/routing/default-policy.ts';
import '../functions/sales/default-policy.ts';
import '../functions/scoring/default-model.ts';
import { isTimeZone } from '../functions/platform/time-zones.ts';
import type { StokeSettings } from './stoke-settings.ts';
import { StokeStack } from './stoke-stack.ts';
import { defaultReviewTimeZone } from './wiring/settings.ts';

// Context comes from cdk.json (where lists may be arrays) or `-c key=value` (always strings).
const commaList = (item: z.ZodMiniString<string>) =>
  z.pipe(
    z.pipe(
      z._default(z.union([z.string(), z.array(z.string())], { error: 'must be a comma-separated list' }), []),
      z.transform((value: string | string[]) => (typeof value === 'string' ? value.split(',') : value).map((entry) => entry.trim()).filter(Boolean)),
    ),
    z.array(item),
  );

const hostname = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const origin = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

// Offline synth and tests need values; a deploy must set real ones (see README, Deploy).
const placeholders = {
  senderAddress: 'leads@example.com',
  companyName: 'Example Company',
  companyPostalAddress: 'Example Street 1, 00000 Example City',
} as const;

// EventBridge Scheduler takes the tz database's names, as the database spells them, and no offsets such as +01:00.
const tzDatabaseName = (zone: string) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
const timeZone = z.string().check(
  z.trim(),
  z.refine((zone) => /^[A-Za-z]/.test(zone) && isTimeZone(zone), {
    error: 'must be an IANA time zone such as Europe/Berlin',
    abort: true,
  }),
  z.refine((zone) => tzDatabaseName(zone) === zone, {
    error: (issue) => `must be the tz database's own name for it: ${tzDatabaseName(String(issue.input))}`,
  }),
);

// A domain identity also verifies its subdomains.
function sends(address: string, identity: string): boolean {
  const [from, on] = [address.toLowerCase(), identity.toLowerCase()];
  return on.includes('@') ? from === on : from.endsWith(`@${on}`) || from.endsWith(`.${on}`);
}

const Settings = z.object({
  allowedOrigins: commaList(
    z.string().check(z.regex(origin, 'must be an origin such as https://www.example.com or https://*.example.com (lower case, no path)')),
  ),
  redirectHosts: commaList(
    z.string().check(z.regex(hostname, 'must be a host name such as www.example.com (lower case, no scheme or port)')),
  ),
  consentTextVersion: z._default(z.string().check(z.trim(), z.minLength(1, 'must not be blank')), '2026-11-01'),
  // AWS WAF accepts rate limits from 10 to 2,000,000,000 per evaluation window.
  rateLimitPerIp: z._default(
    z.coerce
      .number({ error: 'must be a whole number of requests per 5 minutes' })
      .check(
        z.int('must be a whole number of requests per 5 minutes'),
        z.minimum(10, 'must be at least 10 (AWS WAF minimum)'),
        z.maximum(2_000_000_000),
      ),
    300,
  ),
  senderAddress: z._default(z.email('must be an email address'), placeholders.senderAddress),
  sesIdentity: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be blank'))),
  companyName: z._default(z.string().check(z.trim(), z.minLength(1, 'must not be blank')), placeholders.companyName),
  companyPostalAddress: z._default(z.string().check(z.trim(), z.minLength(1, 'must not be blank')), placeholders.companyPostalAddress),
  publicBaseUrl: z.optional(z.url({ protocol: /^https$/, error: 'must be an https URL such as https://leads.example.com/' })),
  handoffWebhookUrl: z.optional(z.url({ protocol: /^https$/, error: 'must be an https URL such as https://hooks.example.com/stoke' })),
  unsubscribeMailto: z.optional(z.email('must be an email address such as unsubscribe@example.com')),
  reviewTimeZone: z._default(timeZone, defaultReviewTimeZone),
  alarmEmails: commaList(z.email('must be an email address such as ops@example.com')),
}).check(
  z.refine((settings) => !settings.sesIdentity || sends(settings.senderAddress, settings.sesIdentity), {
    path: ['senderAddress'],
    error: 'must be sesIdentity itself (an address) or an address on its domain',
  }),
) satisfies z.ZodMiniType<StokeSettings, unknown>;

const app = new App();

const context = Object.fromEntries(Object.keys(Settings.shape).map((key) => [key, app.node.tryGetContext(key)]));
const parsed = Settings.safeParse(context);
if (!parsed.success) {
  console.error(`Invalid CDK context (cdk.json "context" or -c key=value):\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}

const stack = new StokeStack(app, 'Stoke', {
  settings: parsed.data,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
const unset = Object.keys(placeholders).filter((key) => context[key] === undefined);
if (unset.length > 0) {
  Annotations.of(stack).addWarningV2(
    'stoke:placeholder-settings',
    `Not set: ${unset.join(', ')}. Emails would carry placeholder values; set them (-c key=value) before deploying.`,
  );
}

Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
