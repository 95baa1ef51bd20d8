import { readFileSync } from 'node:fs';
import * as z from 'zod';

const share = z.number().min(0).max(1);
const Rep = z.object({ firstContactBeforeDeadline: share, neverFollowUp: share, contactsPerWeek: z.number().positive() });

export const BehaviourModel = z.object({
  version: z.string(),
  sources: z.record(z.string(), z.string()),
  profiles: z
    .array(z.object({ id: z.string(), share, readyAtCapture: z.boolean(), fields: z.record(z.string(), z.string()) }))
    .min(1)
    .refine((p) => Math.abs(p.reduce((s, x) => s + x.share, 0) - 1) < 1e-6, 'shares must add up to 1'),
  consentShare: share,
  countries: z.array(z.object({ value: z.string().length(2), weight: z.number().positive() })).min(1),
  buyWithinYearShare: share,
  engagement: z.object({
    openPerTip: share,
    clickPerOpen: share,
    readyClickPerTip: share,
    humanDelayHours: z.object({ min: z.number().nonnegative(), max: z.number().positive() }),
    unsubscribePerTip: share,
    complaintPerTip: share,
    hardBouncePerLead: share,
    resubmitWhenReady: share,
  }),
  machines: z.object({ privacyProxyOpenShare: share, scannerClickShare: share, privacyProxyUserAgent: z.string(), privacyProxyIp: z.string(), scannerUserAgent: z.string() }),
  links: z.object({ browse: z.array(z.url()).min(1), highIntent: z.array(z.url()).min(1) }),
  sales: z.object({
    saleAtContact: z
      .array(z.object({ contacts: z.tuple([z.number().int().positive(), z.number().int().positive()]), share }))
      .refine((p) => Math.abs(p.reduce((s, x) => s + x.share, 0) - 1) < 1e-6, 'shares must add up to 1'),
    maxContacts: z.number().int().positive(),
    defaultRep: Rep,
    reps: z.record(z.string(), Rep),
  }),
});
export type BehaviourModel = z.infer<typeof BehaviourModel>;
export type RepDiligence = z.infer<typeof Rep>;

export function loadBehaviourModel(path = new URL('./behaviour-model.json', import.meta.url)): BehaviourModel {
  const parsed = BehaviourModel.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid behaviour model ${String(path)}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}
