import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EmailSender } from '../../../functions/email/email-sender.ts';
import { memoryMailer, type MemoryMailer } from '../../../functions/email/memory-mailer.ts';
import { createTemplateRenderer } from '../../../functions/email/render-email.ts';
import { plansTemplates } from '../../../functions/email/templates/plans.ts';
import { actionUrls } from '../../../functions/handoff/action-links.ts';
import type { Lead, NextStep } from '../../../functions/leads/lead.ts';
import type { LeadStore } from '../../../functions/leads/lead-store.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { defaultContactPlans } from '../../../functions/plans/default-plans.ts';
import { type MorningListDeps, planMornings, sendMorningList } from '../../../functions/plans/send-morning-lists.ts';
import { type MemoryRoster, memoryRepStore } from '../../../functions/reps/memory-rep-store.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';
import { type MemorySchedules, memorySchedules } from '../../../functions/schedules/memory-schedules.ts';
import { memoryClaims } from '../../../functions/storage/memory-claims.ts';
import { annaSchmidt } from '../../support/anna-schmidt.ts';
import { hotLead } from '../../support/hot-lead.ts';

const key = randomBytes(32);
const james = annaSchmidt({ repId: 'james-carter', name: 'James Carter', email: 'james.carter@stoke.example', timezone: 'America/New_York' });

let now: Date;
let mailer: MemoryMailer;
let deps: MorningListDeps;
let leads: LeadStore;
let schedules: MemorySchedules;

const step = (dueAt: string, changes: Partial<NextStep> = {}): NextStep => ({ kind: 'touch', touch: 3, channel: 'call', dueAt, instruction: 'Call; confirm budget and timeline.', setAt: '2026-12-01T09:00:00.000Z', ...changes });

async function store(next: NextStep, changes: Partial<Lead> = {}): Promise<Lead> {
  const lead = hotLead({ plan: { planId: 'field', name: 'Field', length: 8, episode: 1, startedAt: '2026-12-01T09:00:00.000Z', steps: [], next }, ...changes });
  expect(await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'stoke', details: {} })).toBe('inserted');
  return lead;
}

const at = (iso: string) => {
  now = new Date(iso);
};

beforeEach(async () => {
  const roster: MemoryRoster = new Map();
  mailer = memoryMailer({ now: () => now });
  schedules = memorySchedules();
  leads = memoryLeadStore({ roster });
  deps = {
    reps: memoryRepStore(roster),
    leads,
    claims: memoryClaims(),
    schedules,
    mailer,
    render: createTemplateRenderer(plansTemplates).render,
    actionUrls: async (subject, when) => actionUrls('https://api.stoke.example/v1/', key, subject, when),
    plans: defaultContactPlans,
    businessHours: defaultRoutingPolicy.firstContact.businessHours,
    company: { name: 'Stoke', postalAddress: '1 Example Street, Berlin' },
    now: () => now,
  };
  const reps = memoryRepStore(roster);
  await reps.create(annaSchmidt(), 0);
  await reps.create(james, 0);
  await reps.create(annaSchmidt({ repId: 'old-hand', email: 'old.hand@stoke.example', active: false }), 0);
});

// The schedules pending, as name, due time and what the target is given.
const pending = () => schedules.pending().map(({ name, at, target, input }) => ({ name, at: at.toISOString(), target, input }));

describe('planning the morning lists', () => {
  it("schedules each active rep's next working morning in their time zone, once however often it runs", async () => {
    // Given Friday noon in Berlin, 06:00 in New York
    at('2026-12-04T11:00:00Z');

    // When the daily planning runs, and runs again
    const first = await planMornings(deps);
    const again = await planMornings(deps);

    // Then Anna's next list is Monday's, James's this morning's; the inactive rep gets none, and nothing is created twice
    expect(first).toEqual({
      planned: [
        { repId: 'anna-schmidt', date: '2026-12-07', schedule: 'created' },
        { repId: 'james-carter', date: '2026-12-04', schedule: 'created' },
      ],
      failed: [],
    });
    expect(again.planned.map(({ schedule }) => schedule)).toEqual(['exists', 'exists']);
    expect(pending()).toEqual([
      { name: 'ml-james-carter-20261204', at: '2026-12-04T13:30:00.000Z', target: 'morning-list', input: { repId: 'james-carter', date: '2026-12-04' } },
      { name: 'ml-anna-schmidt-20261207', at: '2026-12-07T07:30:00.000Z', target: 'morning-list', input: { repId: 'anna-schmidt', date: '2026-12-07' } },
    ]);
  });

  it('plans the other reps when one schedule cannot be created, and names the one that failed', async () => {
    deps.schedules = { scheduleOnce: async (request) => ((request.input as { repId: string }).repId === 'anna-schmidt' ? Promise.reject(new Error('throttled')) : schedules.scheduleOnce(request)) };
    at('2026-12-04T11:00:00Z');

    const planning = await planMornings(deps);

    expect(planning.failed).toEqual([{ repId: 'anna-schmidt', error: 'Error' }]);
    expect(pending().map(({ name }) => name)).toEqual(['ml-james-carter-20261204']);
  });
});

describe("a rep's morning list", () => {
  it("emails the rep one list of today's and overdue steps, with the one-click links, and schedules the next working morning", async () => {
    // Given Anna (Berlin) with a touch overdue since Thursday and one due this afternoon
    const overdue = await store(step('2026-12-03T09:00:00.000Z'), { profile: { firstName: 'Dana', lastName: 'Weber', company: 'Weber <Maschinen> & Co' } });
    const today = await store(step('2026-12-07T13:00:00.000Z', { touch: 2, channel: 'email', instruction: 'Email a short recap & two times to talk.' }));

    // When her schedule fires at 08:30 on Monday in Berlin
    at('2026-12-07T07:30:00Z');
    const outcome = await sendMorningList({ repId: 'anna-schmidt', date: '2026-12-07' }, deps);

    // Then she gets one email, and Tuesday's list is scheduled
    expect(outcome).toEqual({
      outcome: 'sent',
      repId: 'anna-schmidt',
      date: '2026-12-07',
      leadIds: [overdue.leadId, today.leadId],
      next: { repId: 'anna-schmidt', date: '2026-12-08', schedule: 'created' },
    });
    const [email, ...more] = mailer.sent();
    expect(more).toEqual([]);
    expect(email).toMatchObject({ to: 'anna.schmidt@stoke.example', subject: 'Your leads today: 1 due, 1 overdue', tags: { template: 'morning-list', repId: 'anna-schmidt', date: '2026-12-07' } });
    expect(email!.text).toContain('Dana Weber · Weber <Maschinen> & Co');
    expect(email!.text).toContain('Call · was due Thursday 3 Dec, 10:00 · touch 3 of 8');
    expect(email!.text).toContain('Email · due 14:00 · touch 2 of 8');
    expect(email!.text.indexOf('Dana Weber')).toBeLessThan(email!.text.indexOf('Email a short recap'));
    // Lead data is text: escaped in the HTML
    expect(email!.html).toContain('Weber &lt;Maschinen&gt; &amp; Co');
    expect(email!.html).not.toContain('<Maschinen>');
    expect(email!.html.match(/href="https:\/\/api\.stoke\.example\/v1\/actions\/[^"]+"/g)).toHaveLength(6);
    expect(pending()).toEqual([{ name: 'ml-anna-schmidt-20261208', at: '2026-12-08T07:30:00.000Z', target: 'morning-list', input: { repId: 'anna-schmidt', date: '2026-12-08' } }]);
  });

  it('emails once per rep and date when the schedule is delivered twice', async () => {
    await store(step('2026-12-03T09:00:00.000Z'));
    at('2026-12-04T07:30:00Z'); // Friday 08:30 in Berlin

    const first = await sendMorningList({ repId: 'anna-schmidt', date: '2026-12-04' }, deps);
    at('2026-12-04T07:31:00Z');
    const redelivered = await sendMorningList({ repId: 'anna-schmidt', date: '2026-12-04' }, deps);

    expect(first.outcome).toBe('sent');
    expect(redelivered).toEqual({ outcome: 'already-done', repId: 'anna-schmidt', date: '2026-12-04', next: { repId: 'anna-schmidt', date: '2026-12-07', schedule: 'exists' } });
    expect(mailer.sent().map((email) => [email.to, email.tags.date])).toEqual([['anna.schmidt@stoke.example', '2026-12-04']]);
    // Friday's list sets Monday's: the weekend has none
    expect(pending().map(({ name }) => name)).toEqual(['ml-anna-schmidt-20261207']);
  });

  it('emails nobody on a day with nothing due, and still schedules the next morning', async () => {
    await store(step('2026-12-08T09:00:00.000Z')); // Tuesday
    at('2026-12-07T07:30:00Z');

    const outcome = await sendMorningList({ repId: 'anna-schmidt', date: '2026-12-07' }, deps);

    expect(outcome).toMatchObject({ outcome: 'nothing-due', next: { date: '2026-12-08', schedule: 'created' } });
    expect(mailer.sent()).toEqual([]);
    expect(pending().map(({ name }) => name)).toEqual(['ml-anna-schmidt-20261208']);
  });

  it.each([
    { case: 'a deactivated rep', repId: 'old-hand' },
    { case: 'a rep no longer on the roster', repId: 'gone-rep' },
  ])('sends nothing to $case and ends their chain', async ({ repId }) => {
    await store(step('2026-12-07T09:00:00.000Z'), { owner: { type: 'rep', repId, name: 'Old Hand', email: 'old.hand@stoke.example', managerEmail: james.managerEmail, team: james.team, timezone: 'Europe/Berlin' } });
    at('2026-12-07T07:30:00Z');

    const outcome = await sendMorningList({ repId, date: '2026-12-07' }, deps);

    expect(outcome).toEqual({ outcome: 'inactive', repId, date: '2026-12-07' });
    expect(mailer.sent()).toEqual([]);
    expect(pending()).toEqual([]);
  });

  it('gives the claim back and throws when the email fails, so that the retry sends it; the next morning is scheduled either way', async () => {
    await store(step('2026-12-07T14:00:00.000Z'));
    let failed = 0;
    const failOnce: EmailSender = { send: async (email) => (!failed++ ? Promise.reject(new Error('SES throttled')) : mailer.send(email)) };
    deps.mailer = failOnce;
    at('2026-12-07T07:30:00Z');

    const attempt = sendMorningList({ repId: 'anna-schmidt', date: '2026-12-07' }, deps);
    await expect(attempt).rejects.toThrow('SES throttled');
    expect(pending().map(({ name }) => name)).toEqual(['ml-anna-schmidt-20261208']);
    at('2026-12-07T07:31:00Z');
    const retry = await sendMorningList({ repId: 'anna-schmidt', date: '2026-12-07' }, deps);

    expect(retry).toMatchObject({ outcome: 'sent', next: { date: '2026-12-08', schedule: 'exists' } });
    expect(mailer.sent().map((email) => email.tags.date)).toEqual(['2026-12-07']);
  });

  it('schedules the next morning after now when a list is delivered days late', async () => {
    // Monday's list, redriven from the dead letters on Wednesday afternoon
    at('2026-12-09T14:00:00Z');

    const outcome = await sendMorningList({ repId: 'anna-schmidt', date: '2026-12-07' }, deps);

    expect(outcome).toMatchObject({ outcome: 'nothing-due', date: '2026-12-07', next: { date: '2026-12-10' } });
  });
});
