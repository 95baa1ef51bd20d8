import { describe, expect, it } from 'vitest';
import { memoryMailer } from '../../../functions/email/memory-mailer.ts';
import type { TemplateRenderer } from '../../../functions/email/render-email.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { type MemoryRoster, memoryRepStore } from '../../../functions/reps/memory-rep-store.ts';
import { memoryReviewSnapshots } from '../../../functions/review/memory-review-snapshots.ts';
import { sendWeeklyReview, type WeeklyReviewDeps } from '../../../functions/review/send-weekly-review.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { memoryClaims } from '../../../functions/storage/memory-claims.ts';

const rep = (repId: string, managerEmail: string, active = true) => ({
  repId, name: repId, email: `${repId}@stoke.example`, managerEmail, team: 'field', territories: [], active, capacity: 40, weight: 1, timezone: 'Europe/Berlin',
});

// The email's content is review-email's; here only who gets one, and how often.
// The variables each email was rendered with, the report link among them.
const rendered: Array<Record<string, any>> = [];
const templates: TemplateRenderer = {
  render: (templateId, variables) => {
    rendered.push(variables);
    return { subject: templateId, preheader: '', html: '', text: '' };
  },
  conditionsHold: () => true,
};

async function prepare() {
  const roster: MemoryRoster = new Map();
  const mailer = memoryMailer();
  const deps: WeeklyReviewDeps = {
    leads: memoryLeadStore({ roster }),
    reps: memoryRepStore(roster),
    snapshots: memoryReviewSnapshots(),
    policy: defaultSalesPolicy,
    businessHours: defaultRoutingPolicy.firstContact.businessHours,
    timeZone: 'Europe/Berlin',
    now: () => new Date('2026-11-30T06:00:00Z'), // Monday morning in Berlin
    claims: memoryClaims(),
    mailer,
    templates,
    settings: { deskUrl: 'https://d1234.cloudfront.net/desk/', company: { name: 'Stoke', postalAddress: 'Berlin' } },
  };
  for (const each of [rep('anna-schmidt', 'maria.keller@stoke.example'), rep('lena-fischer', 'Maria.Keller@stoke.example'), rep('tom-berger', 'paul.wagner@stoke.example'), rep('old-hand', 'gone.manager@stoke.example', false)]) {
    await deps.reps.create(each, 0);
  }
  return { deps, mailer };
}

describe('the weekly review run', () => {
  it('keeps last week for next week and emails each manager of an active rep once', async () => {
    const { deps, mailer } = await prepare();

    const sent = await sendWeeklyReview(deps);

    expect(sent).toEqual({ week: '2026-W48', managers: 2, reps: 4 });
    expect(mailer.sent().map((email) => email.to).sort()).toEqual(['maria.keller@stoke.example', 'paul.wagner@stoke.example']);
    expect(mailer.sent()[0]!.tags).toEqual({ template: 'weekly-review', week: '2026-W48' });
    // "Open the full report" opens the desk's review page of that week, where the manager signs in.
    expect(rendered.at(-1)?.links.reportUrl).toBe('https://d1234.cloudfront.net/desk/review?week=2026-W48');
    expect(await deps.snapshots.get('2026-W48')).toMatchObject({ week: '2026-W48' });
  });

  it('emails nobody twice when the schedule is delivered again', async () => {
    const { deps, mailer } = await prepare();

    await sendWeeklyReview(deps);
    await sendWeeklyReview(deps);

    expect(mailer.sent()).toHaveLength(2);
  });
});
