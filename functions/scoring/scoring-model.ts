import * as z from '../platform/zod.ts';
import { parsePolicy, uniqueIds } from '../platform/policy-file.ts';

/** Lead fields a rule may read. */
export const ScoredField = z.enum(['budget', 'authority', 'timeline', 'need', 'jobTitle', 'company', 'interest']);
export type ScoredField = z.infer<typeof ScoredField>;

const id = z.string().check(z.regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes'));
const reason = z.string().check(z.minLength(1));
const points = z.number().check(z.int(), z.minimum(-100), z.maximum(100));

const pattern = z.string().check(
  z.refine(
    (source) => {
      try {
        new RegExp(source, 'iu');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  ),
);

const choiceRule = z.object({
  kind: z.literal('choice'),
  id,
  field: z.enum(['budget', 'authority', 'timeline']),
  options: z.record(z.string(), z.object({ points, reason })),
});

const matchRule = z.object({
  kind: z.literal('match'),
  id,
  fields: z.array(ScoredField).check(z.minLength(1)),
  pattern,
  points,
  reason,
});

const statedRule = z.object({
  kind: z.literal('stated'),
  id,
  field: ScoredField,
  minLength: z.number().check(z.int(), z.minimum(1)),
  points,
  reason,
});

const domainRule = z.object({
  kind: z.literal('domain'),
  id,
  /** Fires when the email domain is on the list (or a subdomain of an entry). */
  list: z.string(),
  points,
  reason,
});

const companyDomainRule = z.object({
  kind: z.literal('company-domain'),
  id,
  /** Fires when the email domain is on none of these lists: a company address. */
  notIn: z.array(z.string()).check(z.minLength(1)),
  points,
  reason,
});

const rule = z.discriminatedUnion('kind', [choiceRule, matchRule, statedRule, domainRule, companyDomainRule]);
export type ScoringRule = z.infer<typeof rule>;

const signalRule = z.object({ points, reason, maxPerDay: z.number().check(z.int(), z.minimum(1)) });

export const ScoringModel = z
  .object({
    version: z.string().check(z.minLength(1)),
    thresholds: z.object({ hot: z.number(), warm: z.number() }),
    domainLists: z.record(z.string(), z.array(z.string().check(z.toLowerCase()))),
    rules: z.array(rule).check(z.minLength(1)),
    signals: z.object({ 're-inquiry': signalRule }),
  })
  .check(
    z.superRefine((model, ctx) => {
      if (model.thresholds.warm >= model.thresholds.hot) {
        ctx.addIssue({ code: 'custom', path: ['thresholds', 'warm'], message: 'must be below the hot threshold' });
      }
      model.rules.forEach((r, index) => {
        const lists = r.kind === 'domain' ? [r.list] : r.kind === 'company-domain' ? r.notIn : [];
        for (const list of lists) {
          if (!(list in model.domainLists)) {
            ctx.addIssue({ code: 'custom', path: ['rules', index], message: `unknown domain list "${list}"` });
          }
        }
      });
    }),
    uniqueIds('rules', 'rule id'),
  );
export type ScoringModel = z.infer<typeof ScoringModel>;

/** Parses a scoring model, failing with every problem named by its path. */
export function parseScoringModel(data: unknown, origin = 'scoring model'): ScoringModel {
  return parsePolicy(ScoringModel, data, origin);
}
