import type { EmailSender } from '../email/email-sender.ts';
import type { TemplateRenderer } from '../email/render-email.ts';
import { type Claims, once } from '../storage/claims.ts';
import { reviewSummary } from './build-review.ts';
import { lastCompleteWeek } from './iso-week.ts';
import { loadWeeklyReview, type ReviewDeps } from './load-review.ts';
import { reviewEmailVariables } from './review-email.ts';

export type WeeklyReviewDeps = ReviewDeps & {
  claims: Claims;
  mailer: EmailSender;
  templates: TemplateRenderer;
  /** Where the email links to (the public URL the desk and the API share) and whose name and address it carries. */
  settings: { deskUrl: string; company: { name: string; postalAddress: string } };
};

export type WeeklyReviewSent = { week: string; managers: number; reps: number };

/**
 * The review of the week that just ended, kept for next week's comparison,
 * and one email per manager of an active rep with their team: once each,
 * however often the schedule is delivered.
 */
export async function sendWeeklyReview(deps: WeeklyReviewDeps): Promise<WeeklyReviewSent> {
  const week = lastCompleteWeek(deps.now(), deps.timeZone);
  const review = await loadWeeklyReview(week, deps);
  await deps.snapshots.put(reviewSummary(review));
  const reps = await deps.reps.list();
  const managers = [...new Set(reps.filter((rep) => rep.active).map((rep) => rep.managerEmail.toLowerCase()))];
  // The desk's review page, which signs the manager in: the API route itself answers a browser 401.
  const reportUrl = new URL(`review?week=${week}`, deps.settings.deskUrl.endsWith('/') ? deps.settings.deskUrl : `${deps.settings.deskUrl}/`).href;
  for (const manager of managers) {
    await once(deps.claims, 'weekly-review', `${week}:${manager}`, async () => {
      const email = deps.templates.render('review/weekly-review', reviewEmailVariables(review, { email: manager }, reps, { reportUrl }, deps.settings.company));
      await deps.mailer.send({ to: manager, stream: 'team', ...email, tags: { template: 'weekly-review', week } });
    });
  }
  return { week, managers: managers.length, reps: review.reps.length };
}
