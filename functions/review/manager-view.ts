import type { Rep } from '../routing/rep.ts';
import type { WeeklyReview } from './weekly-review.ts';

/**
 * The review as one manager sees it: their own reps (those whose
 * managerEmail is theirs, any capitals) and the leads parked with them; the
 * funnel, the territories and the teams' speed to lead stay whole-company.
 */
export function managerView(review: WeeklyReview, reps: readonly Pick<Rep, 'repId' | 'managerEmail'>[], managerEmail: string): WeeklyReview {
  const manager = managerEmail.toLowerCase();
  const team = new Set(reps.filter((rep) => rep.managerEmail.toLowerCase() === manager).map((rep) => rep.repId));
  return {
    ...review,
    reps: review.reps.filter((rep) => team.has(rep.repId)),
    ranking: review.ranking.filter((rep) => team.has(rep.repId)),
    followUpDebt: review.followUpDebt.filter((rep) => team.has(rep.repId)),
    parked: review.parked.filter((lead) => lead.managerEmail.toLowerCase() === manager),
  };
}
