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
import { type MorningListDeps, sendMorningLists } from '../../../functions/plans/send-morning-lists.ts';
import { type MemoryRoster, memoryRepStore } from '../../../functions/reps/memory-rep-store.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';
import { memoryClaims } from '../../../functions/storage/memory-claims.ts';
import { annaSchmidt } from '../../support/anna-schmidt.ts';
import { hotLead } from '../../support/hot-lead.ts';

const key = randomBytes(32);
const james = annaSchmidt({ repId: 'james-carter', name: 'James Carter', email: 'james.carter@stoke.example', timezone: 'America/New_York' });

let now: Date;
let mailer: MemoryMailer;
let deps: MorningListDeps;
let leads: LeadStore;

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
  leads = memoryLeadStore({ roster });
  deps = {
    reps: memoryRepStore(roster),
    leads,
    claims: memoryClaims(),
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

describe('the morning list sweep', () => {
  it("emails a rep one list of today's and overdue steps, with the one-click links, when their morning comes", async () => {
    // Given Anna (Berlin) with a touch overdue since Thursday and one due this afternoon
    const overdue = await store(step('2026-12-03T09:00:00.000Z'), { profile: { firstName: 'Dana', lastName: 'Weber', company: 'Weber <Maschinen> & Co' } });
    const today = await store(step('2026-12-07T13:00:00.000Z', { touch: 2, channel: 'email', instruction: 'Email a short recap & two times to talk.' }));

    // When the schedule fires at 08:30 on Monday in Berlin
    at('2026-12-07T07:30:00Z');
    const sweep = await sendMorningLists(deps);

    // Then she gets one email; James (02:30 in New York) and the inactive rep get none
    expect(sweep).toEqual({ inMorning: 1, sent: [{ repId: 'anna-schmidt', date: '2026-12-07', leadIds: [overdue.leadId, today.leadId] }], nothingDue: [], failed: [] });
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
  });

  it('sends once a day however often the schedule fires, again the next working day, and none at the weekend', async () => {
    await store(step('2026-12-03T09:00:00.000Z'));

    for (const firing of ['2026-12-04T07:30:00Z', '2026-12-04T08:00:00Z', '2026-12-04T15:30:00Z']) {
      at(firing); // Friday 08:30, 09:00 and 16:30 in Berlin
      await sendMorningLists(deps);
    }
    for (const firing of ['2026-12-05T07:30:00Z', '2026-12-06T10:00:00Z']) {
      at(firing); // Saturday and Sunday
      await sendMorningLists(deps);
    }
    at('2026-12-07T07:30:00Z'); // Monday
    await sendMorningLists(deps);

    expect(mailer.sent().map((email) => [email.to, email.tags.date])).toEqual([
      ['anna.schmidt@stoke.example', '2026-12-04'],
      ['anna.schmidt@stoke.example', '2026-12-07'],
    ]);
  });

  it('sends a list the sweep missed in the morning at the next sweep that day, and none after business hours', async () => {
    await store(step('2026-12-07T09:00:00.000Z'));

    at('2026-12-07T16:00:00Z'); // 17:00 in Berlin: the day is over
    await sendMorningLists(deps);
    expect(mailer.sent()).toEqual([]);

    at('2026-12-07T13:30:00Z'); // 14:30: the function was down all morning
    await sendMorningLists(deps);
    expect(mailer.sent()).toHaveLength(1);
  });

  it('emails nobody on a day with nothing due, and reads their leads only once that day', async () => {
    await store(step('2026-12-08T09:00:00.000Z')); // Tuesday
    let reads = 0;
    const dueBy = deps.leads.dueBy;
    deps.leads = { dueBy: (ownerId, until) => (reads++, dueBy(ownerId, until)) };

    at('2026-12-07T07:30:00Z');
    const first = await sendMorningLists(deps);
    at('2026-12-07T08:00:00Z');
    await sendMorningLists(deps);

    expect(first.nothingDue).toEqual(['anna-schmidt']);
    expect(mailer.sent()).toEqual([]);
    expect(reads).toBe(1);
  });

  it("serves the other reps when one rep's email fails, and sends only that one on the retry", async () => {
    await store(step('2026-12-07T14:00:00.000Z'));
    await store(step('2026-12-07T14:00:00.000Z'), { owner: { type: 'rep', repId: james.repId, name: james.name, email: james.email, managerEmail: james.managerEmail, team: james.team, timezone: james.timezone } });
    const failOnce: EmailSender = { send: async (email) => (email.to === 'anna.schmidt@stoke.example' && !failed++ ? Promise.reject(new Error('SES throttled')) : mailer.send(email)) };
    let failed = 0;
    deps.mailer = failOnce;
    at('2026-12-07T14:00:00Z'); // 15:00 in Berlin, 09:00 in New York

    const sweep = await sendMorningLists(deps);
    const retry = await sendMorningLists(deps);

    expect(sweep.failed).toEqual([{ repId: 'anna-schmidt', error: 'Error' }]);
    expect(sweep.sent.map(({ repId }) => repId)).toEqual(['james-carter']);
    expect(retry.sent.map(({ repId }) => repId)).toEqual(['anna-schmidt']);
    expect(mailer.sent().map((email) => email.to)).toEqual(['james.carter@stoke.example', 'anna.schmidt@stoke.example']);
  });
});
