import { readFileSync } from 'node:fs';
import * as z from '../../functions/platform/zod.ts';
import { uniqueIds } from '../../functions/platform/policy-file.ts';
import { ImageProxy, MachineBehaviour } from './machines.ts';

const share = z.number().check(z.minimum(0), z.maximum(1));
const Rep = z.object({ firstContactBeforeDeadline: share, neverFollowUp: share, contactsPerWeek: z.number().check(z.positive()) });
const Profiles = z
  .array(z.object({ id: z.string(), share, readyAtCapture: z.boolean(), fields: z.record(z.string(), z.string()) }))
  .check(z.minLength(1), z.refine((p) => Math.abs(p.reduce((s, x) => s + x.share, 0) - 1) < 1e-6, 'shares must add up to 1'));
const answers = z.array(z.string().check(z.minLength(1))).check(z.minLength(1));

/**
 * A world with a known answer, for `--plant-signal` (issue 20): one answer to
 * the form that makes people ready to buy more often, and one scoring rule
 * that fires at random, whatever their readiness.
 */
const Planted = z.object({
  source: z.string(),
  /** The profiles of this world, in place of the model's. */
  profiles: Profiles,
  /** In place of the model's: how often an address bounces for good, and a tip draws a complaint. */
  engagement: z.object({ hardBouncePerLead: share, complaintPerTip: share }),
  interest: z.object({
    /** The planted answer, given by `plantedShare` of people. */
    planted: z.string().check(z.minLength(1)),
    plantedShare: share,
    /** The others' answers, one drawn at random. */
    others: answers,
    /** Who becomes ready to buy within a year (from capture), by answer: the planted signal's readiness over the others'. */
    buyWithinYearShare: z.object({ planted: share, others: share }),
  }),
  useless: z.object({
    /** The scoring rule made useless: it fires on `firingShare` of people, whoever they are. */
    rule: z.string(),
    field: z.enum(['jobTitle', 'company', 'need']),
    firingShare: share,
    /** Answers the rule fires on, and answers it does not. */
    firing: answers,
    notFiring: answers,
  }),
});
export type Planted = z.infer<typeof Planted>;

export const BehaviourModel = z
  .object({
    version: z.string(),
    sources: z.record(z.string(), z.string()),
    profiles: Profiles,
    consentShare: share,
    countries: z.array(z.object({ value: z.string().check(z.length(2)), weight: z.number().check(z.positive()) })).check(z.minLength(1)),
    buyWithinYearShare: share,
    engagement: z
      .object({
        openPerTip: share,
        clickPerOpen: share,
        readyClickPerTip: share,
        humanDelayHours: z.object({ min: z.number().check(z.nonnegative()), max: z.number().check(z.positive()) }),
        unsubscribePerTip: share,
        complaintPerTip: share,
        hardBouncePerLead: share,
        resubmitWhenReady: share,
        /** What a person's own opens and clicks carry: their browser or mail client, from their own address. */
        browser: z.object({ userAgent: z.string().check(z.minLength(1)), ip: z.ipv4() }),
        /** Webmail that fetches images through its proxy when the person opens: the person's open arrives with the proxy's user agent and address. */
        imageProxies: z.array(ImageProxy),
      })
      .check(
        uniqueIds('imageProxies', 'image proxy'),
        z.refine((e) => e.imageProxies.reduce((s, p) => s + p.share, 0) <= 1 + 1e-9, { message: 'the image proxies\' shares of people must add up to at most 1', path: ['imageProxies'] }),
      ),
    /** What machines do to the email of the leads behind them, each behaviour with its published source. */
    machines: z.array(MachineBehaviour),
    links: z.object({ browse: z.array(z.url()).check(z.minLength(1)), highIntent: z.array(z.url()).check(z.minLength(1)) }),
    sales: z.object({
      saleAtContact: z
        .array(z.object({ contacts: z.tuple([z.int().check(z.positive()), z.int().check(z.positive())]), share }))
        .check(z.refine((p) => Math.abs(p.reduce((s, x) => s + x.share, 0) - 1) < 1e-6, 'shares must add up to 1')),
      maxContacts: z.int().check(z.positive()),
      /** Why a lead that is not ready gets closed: ids of the sales policy's not-interested reasons. */
      notInterestedReasons: z.array(z.object({ value: z.string(), weight: z.number().check(z.positive()) })).check(z.minLength(1)),
      defaultRep: Rep,
      reps: z.record(z.string(), Rep),
      /** How the fallback queue's manager works the leads no rep could take; absent, nobody works them. */
      queue: z.optional(Rep),
    }),
    planted: z.optional(Planted),
  })
  .check(uniqueIds('machines', 'machine behaviour'));
export type BehaviourModel = z.infer<typeof BehaviourModel>;
export type RepDiligence = z.infer<typeof Rep>;

export function loadBehaviourModel(path = new URL('./behaviour-model.json', import.meta.url)): BehaviourModel {
  const parsed = BehaviourModel.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid behaviour model ${String(path)}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}
