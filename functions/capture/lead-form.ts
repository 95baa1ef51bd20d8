import * as z from '../platform/zod.ts';
import { isTimeZone } from '../platform/time-zones.ts';
import { countryCodes } from '../leads/country-codes.ts';
import { authorities, budgets, timelines } from '../leads/vocabulary.ts';

// Forms send every field, blank or not: a blank field is an absent one.
const blankToUndefined = (value: unknown) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};
const blankAsAbsent = z.transform(blankToUndefined);

// Control characters never belong in a form field; tabs and line breaks do in free text.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

const text = (max: number) =>
  z.pipe(
    blankAsAbsent,
    z.optional(
      z
        .string({ error: 'must be text' })
        .check(
          z.maxLength(max, `must be at most ${max} characters`),
          z.refine((value) => !controlCharacters.test(value), 'contains characters that are not allowed'),
        ),
    ),
  );

const choice = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  z.pipe(blankAsAbsent, z.optional(z.enum(values, { error: `must be one of: ${values.join(', ')}` })));

const webUrl = z.pipe(
  blankAsAbsent,
  z.optional(
    z
      .url({ protocol: /^https?$/, error: 'must be a web address (http or https)' })
      .check(z.maxLength(2048, 'must be at most 2048 characters')),
  ),
);

const yes = new Set(['true', 'on', 'yes', '1']);
const no = new Set(['false', 'off', 'no', '0']);
const consent = z.pipe(
  z.transform((value: unknown) => {
    if (value === undefined || value === null || typeof value === 'boolean') return value ?? false;
    if (typeof value !== 'string') return value;
    const word = value.trim().toLowerCase();
    if (word === '' || no.has(word)) return false;
    return yes.has(word) ? true : value;
  }),
  z.boolean({ error: 'must be yes or no' }),
);

/**
 * The capture API's public contract. Unknown fields are dropped, strings are
 * trimmed and limited, and the email is normalized: what passes is safe to store.
 */
export const LeadForm = z.object({
  email: z.pipe(
    z.transform((value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value)),
    z
      .email({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a valid email address') })
      .check(z.maxLength(254, 'must be at most 254 characters')),
  ),
  firstName: text(100),
  lastName: text(100),
  company: text(200),
  jobTitle: text(150),
  phone: z.pipe(
    blankAsAbsent,
    z.optional(
      z
        .string({ error: 'must be text' })
        .check(z.regex(/^\+?[0-9 ().\-/]{4,40}$/, 'must be a phone number (digits, spaces, + - . ( ) /)')),
    ),
  ),
  country: z.pipe(
    z.transform((value: unknown) => (typeof value === 'string' ? blankToUndefined(value.toUpperCase()) : value)),
    z.optional(
      z
        .string({ error: 'must be text' })
        .check(z.refine((code) => countryCodes.has(code), 'must be a two-letter ISO 3166-1 country code, such as DE or US')),
    ),
  ),
  region: text(100),
  timezone: z.pipe(
    blankAsAbsent,
    z.optional(
      z
        .string({ error: 'must be text' })
        .check(
          z.maxLength(64, 'must be an IANA time zone, such as Europe/Berlin'),
          z.refine(isTimeZone, 'must be an IANA time zone, such as Europe/Berlin'),
        ),
    ),
  ),
  budget: choice(budgets),
  authority: choice(authorities),
  need: text(2000),
  interest: text(100),
  timeline: choice(timelines),
  consent,
  consentVersion: text(50),
  formId: text(100),
  pageUrl: webUrl,
  utm_source: text(200),
  utm_medium: text(200),
  utm_campaign: text(200),
  redirect: webUrl,
  /** Honeypot: hidden from people, filled in by bots. */
  website: z.pipe(blankAsAbsent, z.optional(z.unknown())),
});
export type LeadForm = z.infer<typeof LeadForm>;
