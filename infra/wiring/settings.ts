import { commaList } from '../../functions/platform/config.ts';
import { isTimeZone } from '../../functions/platform/time-zones.ts';
import * as z from '../../functions/platform/zod.ts';

/** Where the weekly review runs when nothing else is configured. */
export const defaultReviewTimeZone = 'Europe/Berlin';

// Handlers import this module: it must stay free of aws-cdk-lib.

const nonEmpty = z.string().check(z.minLength(1));

/**
 * Every setting a function may be given, by environment variable: the shape
 * of each is declared here once. A function's declaration (functions.ts)
 * picks the ones it reads; the stack and the local runtime give it those.
 */
export const settingSchemas = {
  /** The single table of leads, reps, claims and reports. */
  TABLE_NAME: nonEmpty,
  /** Stoke's own event bus. */
  EVENT_BUS_NAME: nonEmpty,
  /** Origins allowed to post from a browser script (CORS); `*` patterns like https://*.example.com work. */
  ALLOWED_ORIGINS: commaList,
  /** Hosts a form's `redirect` field may send people to after a post. */
  REDIRECT_HOSTS: commaList,
  /** Version of the consent wording shown on forms that do not send their own. */
  CONSENT_TEXT_VERSION: z._default(nonEmpty, '2026-11-01'),
  /** Days a honeypot submission is kept as spam. */
  SPAM_RETENTION_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(365)), 30),
  /** From address of Stoke's emails, on a verified SES identity. */
  SENDER_ADDRESS: z.email(),
  COMPANY_NAME: nonEmpty,
  /** Shown in every email (CAN-SPAM). */
  COMPANY_POSTAL_ADDRESS: nonEmpty,
  /** The secret whose value signs the links in emails. */
  SIGNING_SECRET_ARN: nonEmpty,
  /** The secret whose value signs the handoff webhook's requests. */
  WEBHOOK_SECRET_ARN: nonEmpty,
  /** Base URL of the API that serves the links in emails. */
  PUBLIC_API_URL: z.url(),
  /** Where the desk is served (ending in /desk/): the weekly review email links to its review page. */
  DESK_URL: z.url(),
  SCHEDULE_GROUP: nonEmpty,
  /** The role schedules invoke their target with. */
  SCHEDULER_ROLE_ARN: nonEmpty,
  SCHEDULER_DEAD_LETTER_ARN: nonEmpty,
  FIRST_CONTACT_DEADLINE_FUNCTION_ARN: nonEmpty,
  NURTURE_STEP_FUNCTION_ARN: nonEmpty,
  MORNING_LIST_FUNCTION_ARN: nonEmpty,
  /** Where handoffs are posted; empty turns the webhook off. */
  HANDOFF_WEBHOOK_URL: z._default(z.union([z.url({ protocol: /^https?$/ }), z.literal('')]), ''),
  /** Also offered in List-Unsubscribe when set; the HTTPS one-click link is always there. */
  UNSUBSCRIBE_MAILTO: z._default(z.union([z.email(), z.literal('')]), ''),
  /** The Cognito user pool the sales desk signs in to: reps' sign-ins are made there. */
  USER_POOL_ID: nonEmpty,
  /** Where "Monday morning" and the week's bounds are. */
  REVIEW_TIME_ZONE: z._default(z.string().check(z.refine(isTimeZone, 'must be an IANA time zone')), defaultReviewTimeZone),
};

export type SettingName = keyof typeof settingSchemas;

/** The settings schema of the named settings. */
export function settingsOf<const Name extends SettingName>(...names: Name[]) {
  const picked = Object.fromEntries(names.map((name) => [name, settingSchemas[name]])) as Pick<typeof settingSchemas, Name>;
  return z.object(picked);
}

/** The names a settings schema declares. */
export function settingNames(schema: z.ZodMiniObject): SettingName[] {
  return Object.keys(schema.def.shape) as SettingName[];
}

/** The variable that tells a function the ARN of another it schedules. */
export function functionArnSetting(name: string): SettingName {
  return `${name.toUpperCase().replaceAll('-', '_')}_FUNCTION_ARN` as SettingName;
}
