import type { EmailSender } from '../email/email-sender.ts';
import type { TemplateRenderer } from '../email/render-email.ts';
import type { LeadAction } from '../handoff/action-links.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import * as z from '../platform/zod.ts';
import type { Rep } from '../routing/rep.ts';
import type { RepStore } from '../reps/rep-store.ts';
import type { OneTimeSchedules } from '../schedules/one-time-schedules.ts';
import { type Claims, once } from '../storage/claims.ts';
import { linkSubject, morningFor, morningList, type MorningListSettings, morningListVariables, nextMorning } from './morning-list.ts';
import { morningListScheduleName } from './schedule-name.ts';

export type MorningListDeps = MorningListSettings & {
  reps: Pick<RepStore, 'get' | 'list'>;
  leads: Pick<LeadStore, 'dueBy'>;
  claims: Claims;
  schedules: Pick<OneTimeSchedules, 'scheduleOnce'>;
  mailer: EmailSender;
  render: TemplateRenderer['render'];
  /** The one-click links of a lead for its owner, as the handoff email carries them. */
  actionUrls(subject: { leadId: string; ownerId: string; episode: number }, now: Date): Promise<Record<LeadAction, string>>;
  company: { name: string; postalAddress: string };
  now: () => Date;
};

/** What a rep's one-time schedule gives the morning-list function: whose list, for which of their local dates. */
export const MorningListCall = z.object({ repId: z.string(), date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) });
export type MorningListCall = z.infer<typeof MorningListCall>;

/** A rep's next morning as scheduled: `exists` when the planning or an earlier attempt had set it already. */
export type ScheduledMorning = { repId: string; date: string; schedule: 'created' | 'exists' };

/** What the daily planning did, by rep id only: logs carry no addresses. */
export type MorningPlanning = { planned: ScheduledMorning[]; failed: Array<{ repId: string; error: string }> };

/** What one rep's morning came to. */
export type MorningListOutcome =
  | { outcome: 'sent'; repId: string; date: string; leadIds: string[]; next: ScheduledMorning }
  | { outcome: 'nothing-due' | 'already-done'; repId: string; date: string; next: ScheduledMorning }
  /** Unknown or deactivated: nothing is sent and nothing scheduled, the chain ends here; the planning picks up a rep made active again. */
  | { outcome: 'inactive'; repId: string; date: string };

export const morningListPurpose = 'morning-list';

async function scheduleMorning(deps: MorningListDeps, rep: Pick<Rep, 'repId' | 'timezone'>, after: Date): Promise<ScheduledMorning> {
  const morning = nextMorning(rep, after, deps);
  const input: MorningListCall = { repId: rep.repId, date: morning.date };
  const schedule = await deps.schedules.scheduleOnce({ name: morningListScheduleName(rep.repId, morning.date), at: morning.at, target: 'morning-list', input });
  return { repId: rep.repId, date: morning.date, schedule };
}

/**
 * Once a day: every active rep's next morning list gets its one-time
 * schedule. Each list schedules the one after it, so this only starts the
 * chain of a new or reactivated rep and mends one that broke; for everyone
 * else the name exists and nothing is created. A rep whose schedule cannot
 * be created does not stop the others; the failures are returned.
 */
export async function planMornings(deps: MorningListDeps): Promise<MorningPlanning> {
  const now = deps.now();
  const planning: MorningPlanning = { planned: [], failed: [] };
  for (const rep of await deps.reps.list()) {
    if (!rep.active) continue;
    try {
      planning.planned.push(await scheduleMorning(deps, rep, now));
    } catch (error) {
      planning.failed.push({ repId: rep.repId, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return planning;
}

/**
 * One rep's morning list of `date`, fired by its one-time schedule: once per
 * rep and date however often it is delivered, one email of the steps due that
 * day and overdue, none when nothing is. Then the rep's next working morning
 * is scheduled, whatever the list came to, so the chain goes on; when the
 * email failed too, and the claim was given back for Scheduler's retry, whose
 * scheduling of the same morning then finds it there.
 */
export async function sendMorningList(call: MorningListCall, deps: MorningListDeps): Promise<MorningListOutcome> {
  const rep = await deps.reps.get(call.repId);
  if (!rep?.active) return { outcome: 'inactive', repId: call.repId, date: call.date };
  const now = deps.now();
  const morning = morningFor(rep, call.date);
  let result: { outcome: 'sent'; leadIds: string[] } | { outcome: 'nothing-due' | 'already-done' } = { outcome: 'already-done' };
  let failure: unknown;
  try {
    await once(deps.claims, morningListPurpose, `${rep.repId}:${morning.date}`, async () => {
      const list = morningList(rep.repId, morning, await deps.leads.dueBy(rep.repId, morning.until));
      if (!list) {
        result = { outcome: 'nothing-due' };
        return;
      }
      const actions = new Map<string, Record<LeadAction, string>>();
      for (const each of [...list.overdue, ...list.today]) {
        const subject = linkSubject(rep.repId, each);
        if (subject) actions.set(each.lead.leadId, await deps.actionUrls(subject, now));
      }
      const email = deps.render('plans/morning-list', morningListVariables(list, rep, actions, deps.company));
      await deps.mailer.send({ to: rep.email, stream: 'team', ...email, tags: { template: 'morning-list', repId: rep.repId, date: morning.date } });
      result = { outcome: 'sent', leadIds: [...list.overdue, ...list.today].map(({ lead }) => lead.leadId) };
    });
  } catch (error) {
    failure = error;
  }
  // After the end of this morning's day, so never this morning again; after now too, should a redrive come days late.
  const after = new Date(Math.max(Date.parse(morning.until), now.getTime()));
  const next = await scheduleMorning(deps, rep, after);
  if (failure) throw failure;
  return { ...result, repId: rep.repId, date: morning.date, next };
}
