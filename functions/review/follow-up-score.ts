import { givenUpBeforeTouch } from './plan-review.ts';
import { percents } from './printed-figures.ts';
import type { RankedRep, RepInDebt, RepReview, ScorePart, ScorePartId } from './weekly-review.ts';

/** What a rep's follow-up score is computed from: counts for the week under review. */
export type ScoreInputs = {
  /** The rep's first-contact deadlines that fell due during the week (also on leads since taken from them), and those met. */
  deadlinesDue: number;
  deadlinesMet: number;
  /** Open leads waiting on the rep (not those whose first contact is not due yet), and how many of them were contacted during the week. */
  openLeads: number;
  openLeadsContacted: number;
  /** Leads the rep closed during the week: purchased, not interested after real effort, and given up early. */
  purchased: number;
  notInterestedAfterTrying: number;
  givenUpEarly: number;
  /** The sales policy's review.givenUpAfterContacts: closing a lead without a plan after at most this many contacts is giving up early. */
  givenUpAfterContacts: number;
  /** Of notInterestedAfterTrying and givenUpEarly, the leads judged by their contact plan's touches (plan-review.ts) rather than by contacts; none when absent. */
  judgedByPlan?: { notInterestedAfterTrying: number; givenUpEarly: number };
};

/**
 * The weight of each part before the parts that apply are scaled to 100.
 * Speed first: most sales go to the firm that responds first (78% in the MIT
 * lead-response study), and a lead cools by the hour. Persistence next: only
 * a few percent of sales close on the first or second contact, most need
 * five to twelve, and most reps stop after two. Outcomes last: a week holds
 * few closes and a buyer's "no" is partly out of the rep's hands; the part is
 * there so that a purchase counts for the rep, and so that closing a lead
 * without trying is scored as giving up rather than as a clean desk. The
 * reason a rep gives for closing does not excuse an early close: it is the
 * rep's own word, and the review names it beside the lead for the manager.
 */
export const followUpWeights: Readonly<Record<ScorePartId, number>> = { speed: 50, persistence: 30, outcomes: 20 };

const labels: Record<ScorePartId, string> = { speed: 'Speed', persistence: 'Persistence', outcomes: 'Outcomes' };

/**
 * How well a rep followed up during the week, from 0 to 100, and how: only
 * the parts that apply to the rep's week count, their weights scaled to add
 * up to 100. A part with nothing to measure is left out rather than given
 * whole: "nothing was due" is no achievement.
 *
 * - first-contact speed, when deadlines fell due: the share met;
 * - persistence, when open leads waited on the rep: the share of them
 *   contacted during the week (each lead counts once, however many contacts);
 * - outcomes, when the rep closed leads: a purchase counts fully, a "not
 *   interested" after more than givenUpAfterContacts contacts counts fully,
 *   one after fewer (none included) is an early give-up and counts nothing;
 *   a lead with a contact plan is judged by its touches instead: closed
 *   before the plan's fifth touch is an early give-up.
 *
 * Each part's points are its weight times its value, rounded; the score is
 * their sum, so a manager can add it up in front of the rep. Null when no
 * part applies: a week without work is not a perfect week. Stale leads do not
 * lower the score: a rep with any is not ranked but listed in follow-up debt.
 */
export function followUpScore(inputs: ScoreInputs): { score: number | null; parts: ScorePart[] } {
  const measured = measuredParts(inputs);
  if (measured.length === 0) return { score: null, parts: [] };
  const weights = percents(measured.map(({ id }) => followUpWeights[id]));
  const parts = measured.map((part, index): ScorePart => {
    const weight = weights[index]!;
    return { id: part.id, label: labels[part.id], weight, value: part.value, points: Math.round(weight * part.value), detail: part.detail };
  });
  return { score: parts.reduce((sum, part) => sum + part.points, 0), parts };
}

type Measured = { id: ScorePartId; value: number; detail: string };

function measuredParts(inputs: ScoreInputs): Measured[] {
  const { deadlinesDue, deadlinesMet, openLeads, openLeadsContacted, purchased, notInterestedAfterTrying, givenUpEarly, givenUpAfterContacts } = inputs;
  const parts: Measured[] = [];
  if (deadlinesDue > 0) {
    parts.push({ id: 'speed', value: deadlinesMet / deadlinesDue, detail: `${deadlinesMet} of ${plural(deadlinesDue, 'first-contact deadline')} met` });
  }
  if (openLeads > 0) {
    parts.push({ id: 'persistence', value: openLeadsContacted / openLeads, detail: `${openLeadsContacted} of ${plural(openLeads, 'open lead')} contacted this week` });
  }
  const closed = purchased + notInterestedAfterTrying + givenUpEarly;
  if (closed > 0) {
    const early = givenUpAfterContacts === 0 ? 'without a contact' : `within ${plural(givenUpAfterContacts, 'contact')}`;
    const byPlan = inputs.judgedByPlan ?? { notInterestedAfterTrying: 0, givenUpEarly: 0 };
    const triedByContacts = notInterestedAfterTrying - byPlan.notInterestedAfterTrying;
    const earlyByContacts = givenUpEarly - byPlan.givenUpEarly;
    const detail = [
      purchased > 0 ? `${purchased} purchased` : '',
      triedByContacts > 0 ? `${triedByContacts} not interested after ${givenUpAfterContacts + 1}+ contacts` : '',
      byPlan.notInterestedAfterTrying > 0 ? `${byPlan.notInterestedAfterTrying} not interested after ${givenUpBeforeTouch}+ plan touches` : '',
      earlyByContacts > 0 ? `${earlyByContacts} given up ${early}` : '',
      byPlan.givenUpEarly > 0 ? `${byPlan.givenUpEarly} given up before plan touch ${givenUpBeforeTouch}` : '',
    ];
    parts.push({ id: 'outcomes', value: (purchased + notInterestedAfterTrying) / closed, detail: detail.filter(Boolean).join(', ') });
  }
  return parts;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The active reps who had leads to work, best follow-up first (ties: more
 * contacts, then name), and after them the active reps in follow-up debt,
 * most stale leads first. Inactive reps are in neither: their open leads are
 * a hygiene matter.
 */
export function rankFollowUp(reps: readonly RepReview[]): { ranking: RankedRep[]; followUpDebt: RepInDebt[] } {
  const active = reps.filter((rep) => rep.active);
  const ranking = active
    .flatMap((rep) => (rep.stale.length === 0 && rep.followUpScore !== null ? [{ repId: rep.repId, name: rep.name, score: rep.followUpScore, parts: rep.followUpScoreParts, ...rankedFigures(rep) }] : []))
    .sort((a, b) => b.score - a.score || b.contacts - a.contacts || a.name.localeCompare(b.name));
  const followUpDebt = active
    .filter((rep) => rep.stale.length > 0)
    .map((rep) => ({ repId: rep.repId, name: rep.name, staleLeads: rep.stale.length, oldestDays: rep.stale[0]!.days }))
    .sort((a, b) => b.staleLeads - a.staleLeads || b.oldestDays - a.oldestDays || a.name.localeCompare(b.name));
  return { ranking, followUpDebt };
}

/**
 * Whether a ranked rep did something worth praising in front of the team: a
 * first contact on time or a contact logged, and no lead given up early that
 * week. A score alone is no reason (one earned by purchases logged without a
 * contact is not follow-up), and praise sets the tone for everyone: not for a
 * week in which leads were dropped after a call or two.
 */
export function followedUp(rep: Pick<RankedRep, 'deadlinesMet' | 'contacts' | 'givenUpEarly'>): boolean {
  return (rep.deadlinesMet > 0 || rep.contacts > 0) && rep.givenUpEarly === 0;
}

function rankedFigures(rep: RepReview): Pick<RankedRep, 'deadlinesDue' | 'deadlinesMet' | 'contacts' | 'openLeads' | 'givenUpEarly'> {
  return { deadlinesDue: rep.deadlines.due, deadlinesMet: rep.deadlines.met, contacts: rep.done.contacts, openLeads: rep.owned.inProgress, givenUpEarly: rep.givingUp.early.length };
}
