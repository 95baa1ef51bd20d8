import type { EmailSender } from '../email/email-sender.ts';
import type { TemplateRenderer } from '../email/render-email.ts';
import type { LeadAction } from '../handoff/action-links.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { RepStore } from '../reps/rep-store.ts';
import { type Claims, once } from '../storage/claims.ts';
import { linkSubject, morningList, type MorningListSettings, morningListVariables, morningOf } from './morning-list.ts';

export type MorningListDeps = MorningListSettings & {
  reps: Pick<RepStore, 'list'>;
  leads: Pick<LeadStore, 'dueBy'>;
  claims: Claims;
  mailer: EmailSender;
  render: TemplateRenderer['render'];
  /** The one-click links of a lead for its owner, as the handoff email carries them. */
  actionUrls(subject: { leadId: string; ownerId: string; episode: number }, now: Date): Promise<Record<LeadAction, string>>;
  company: { name: string; postalAddress: string };
  now: () => Date;
};

/** What one sweep did, by rep id and lead id only: logs carry no addresses. */
export type MorningSweep = {
  /** Active reps whose working morning it was. */
  inMorning: number;
  sent: Array<{ repId: string; date: string; leadIds: string[] }>;
  /** Reps whose list was claimed for the day with nothing due: no email. */
  nothingDue: string[];
  failed: Array<{ repId: string; error: string }>;
};

export const morningListPurpose = 'morning-list';

/**
 * One sweep of the morning lists: every active rep whose working morning it
 * is in their time zone gets, once per local date however often the schedule
 * fires, one email of the steps due today and overdue, none when nothing is.
 * A rep whose email fails gives their claim back and fails the sweep, after
 * the other reps were served, so that the schedule's retry sends only theirs.
 */
export async function sendMorningLists(deps: MorningListDeps): Promise<MorningSweep> {
  const now = deps.now();
  const sweep: MorningSweep = { inMorning: 0, sent: [], nothingDue: [], failed: [] };
  for (const rep of await deps.reps.list()) {
    if (!rep.active) continue;
    const morning = morningOf(rep, now, deps);
    if (!morning) continue;
    sweep.inMorning++;
    try {
      await once(deps.claims, morningListPurpose, `${rep.repId}:${morning.date}`, async () => {
        const list = morningList(rep.repId, morning, await deps.leads.dueBy(rep.repId, morning.until));
        if (!list) {
          sweep.nothingDue.push(rep.repId);
          return;
        }
        const actions = new Map<string, Record<LeadAction, string>>();
        for (const each of [...list.overdue, ...list.today]) {
          const subject = linkSubject(rep.repId, each);
          if (subject) actions.set(each.lead.leadId, await deps.actionUrls(subject, now));
        }
        const email = deps.render('plans/morning-list', morningListVariables(list, rep, actions, deps.company));
        await deps.mailer.send({ to: rep.email, ...email, tags: { template: 'morning-list', repId: rep.repId, date: morning.date } });
        sweep.sent.push({ repId: rep.repId, date: morning.date, leadIds: [...list.overdue, ...list.today].map(({ lead }) => lead.leadId) });
      });
    } catch (error) {
      sweep.failed.push({ repId: rep.repId, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return sweep;
}
