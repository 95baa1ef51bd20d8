import { beforeAll, describe, expect, it } from 'vitest';
import { createTemplateRenderer, type TemplateRenderer } from '../../../functions/email/render-email.ts';
import { buildWeeklyReview, type WeeklyReview } from '../../../functions/review/build-review.ts';
import { reviewEmailVariables } from '../../../functions/review/review-email.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { buildShippedTemplates, shippedTemplateSets } from '../email/shipped-templates.ts';
import { input, managers, now, reps } from './weekly-review-fixture.ts';

const links = { reportUrl: 'https://stoke.example/reports/weekly?week=2026-W48&format=html' };
const company = { name: 'Stoke Inc.', postalAddress: '1 Main Street, Springfield' };

describe('reviewEmailVariables', () => {
  let review: WeeklyReview;
  const variablesFor = (email: string, name?: string) => reviewEmailVariables(review, name ? { email, name } : { email }, reps, links, company);

  beforeAll(() => {
    review = buildWeeklyReview(input, defaultSalesPolicy, now);
  });

  it('takes the manager’s own reps: best follow-up first, follow-up debt after, reps who left last', () => {
    expect(variablesFor(managers.maria).reps.map(({ name }) => name)).toEqual(['Ben Huber', 'Anna Schmidt', 'Dora Klein']);
    expect(variablesFor(managers.paul).reps.map(({ name }) => name)).toEqual(['Finn Dubois', 'Eve Adams', 'Cléo Martin']);
  });

  it('matches the manager’s address ignoring case', () => {
    expect(variablesFor(managers.maria.toUpperCase()).team.reps).toBe(3);
  });

  it('adds the team up: 40 + 25 + 0 received = 2 + 3 purchased, 33 + 20 in progress, 5 + 2 not interested', () => {
    const { team } = variablesFor(managers.maria);

    expect(team.received).toMatchObject({ total: 65, purchased: 5, inProgress: 53, notInterested: 7 });
    // 40 + 26 met of 40 + 25 due; Anna's 5 and Dora's 6 stale leads.
    expect([team.deadlinesMet, team.deadlinesDue, team.staleLeads, team.contacts]).toEqual([51, 65, 11, 176]);
  });

  it('gives bar widths that fill exactly 100%, and none for a rep with no leads', () => {
    const { reps: blocks } = variablesFor(managers.maria);
    const anna = blocks.find(({ name }) => name === 'Anna Schmidt')!;
    const dora = blocks.find(({ name }) => name === 'Dora Klein')!;

    // 2, 33 and 5 of 40 are 5%, 82.5% and 12.5%: the half goes to the first of the two.
    expect([anna.received.purchasedPercent, anna.received.inProgressPercent, anna.received.notInterestedPercent]).toEqual([5, 83, 12]);
    expect([dora.received.purchasedPercent, dora.received.inProgressPercent, dora.received.notInterestedPercent]).toEqual([0, 0, 0]);
  });

  it('recognises the best follow-up, saying why', () => {
    expect(variablesFor(managers.maria).recognition).toEqual([
      { name: 'Ben Huber', score: 100, reason: '25 of 25 first-contact deadlines met, 60 of 60 open leads contacted this week, 3 purchased, 2 not interested after 3+ contacts, no stale leads' },
    ]);
  });

  it('shows week-over-week change as a direction and a size', () => {
    const anna = variablesFor(managers.maria).reps.find(({ name }) => name === 'Anna Schmidt')!;

    expect(anna.change).toEqual({
      received: { delta: 5, direction: 'up' },
      purchased: { delta: 1, direction: 'down' },
      notInterested: { delta: 0, direction: 'same' },
      inProgress: { delta: 6, direction: 'up' },
      contacts: { delta: 7, direction: 'down' },
    });
  });

  it('caps long lists of leads at five and counts the rest', () => {
    const anna = variablesFor(managers.maria).reps.find(({ name }) => name === 'Anna Schmidt')!;

    expect(anna.deadlines.missed).toHaveLength(5);
    expect(anna.deadlines.more).toBe(9);
    // Assigned Tue 24 Nov 10:00Z, due a day later, contacted 30 h after assignment: shown in Berlin time.
    expect(anna.deadlines.missed[0]).toEqual({ name: 'Lead a4-1', company: 'Company a4-1', deadline: 'Wed 25 Nov, 11:00', contacted: 'contacted Wed 25 Nov, 17:00' });
  });

  it('shows each manager the territories their reps cover and the clean-up that concerns them', () => {
    const maria = variablesFor(managers.maria);
    const paul = variablesFor(managers.paul);

    expect(maria.territories.map(({ label, verdictLabel }) => [label, verdictLabel])).toEqual([['DE', 'Over-delivering'], ['DE · Bavaria', 'Under-served']]);
    expect(paul.territories.map(({ label }) => label)).toEqual(['FR', 'Other countries']);
    // Maria: Dora's 6 and the queue's 3; nobody's leads (queue, unknown rep) go to both managers.
    expect([maria.hygiene.staleLeads, maria.hygiene.orphanedLeads, maria.hygiene.duplicateGroups]).toEqual([9, 11, 2]);
    expect([paul.hygiene.staleLeads, paul.hygiene.orphanedLeads, paul.hygiene.duplicateGroups]).toEqual([3, 5, 0]);
  });

  it('shows speed to lead for the teams of the manager’s reps, all teams, then the reps', () => {
    const { speedToLead } = variablesFor(managers.maria);

    // Figures in build-review.test.ts. Dora had no first contact and nothing due this week: no row.
    expect(speedToLead.clock).toBe('calendar time');
    expect(speedToLead.rows.map(({ kind, label, summary }) => [kind, label, summary])).toEqual([
      ['team', 'Team field', 'median 1 h 35 min · p90 1 d 6 h · 80% within deadline'],
      ['total', 'All teams', 'median 1 h 30 min · p90 1 d 6 h · 77% within deadline'],
      ['rep', 'Ben Huber', 'median 45 min · p90 45 min · 100% within deadline'],
      ['rep', 'Anna Schmidt', 'median 3 h · p90 1 d 6 h · 65% within deadline'],
    ]);
    expect(speedToLead.rows[3]!.counts).toBe('34 first contacts · 26 of 40 deadlines met');
  });

  it('labels the week on the review’s own calendar', () => {
    expect(variablesFor(managers.maria).week).toMatchObject({ id: '2026-W48', label: '23–29 Nov 2026', previous: '2026-W47' });
  });
});

describe('the weekly review email', () => {
  let renderEmail: TemplateRenderer['render'];
  let review: WeeklyReview;

  beforeAll(async () => {
    await buildShippedTemplates();
    renderEmail = createTemplateRenderer((await shippedTemplateSets()).review).render;
    review = buildWeeklyReview(input, defaultSalesPolicy, now);
  });

  const render = (email: string, name?: string) => renderEmail('review/weekly-review', reviewEmailVariables(review, name ? { email, name } : { email }, reps, links, company));

  it('says in the subject what the team received and bought', () => {
    const email = render(managers.maria, 'Maria');

    expect(email.subject).toBe('Lead review 23–29 Nov 2026: your team received 65 leads, 5 purchased');
    expect(email.preheader).toBe('Best follow-up: Ben Huber. 11 stale leads, 51 of 65 first contacts on time.');
  });

  it('reconciles every rep’s leads in numbers, in the HTML and in the plain text', () => {
    const { html, text } = render(managers.maria, 'Maria');

    expect(text).toContain('65 received = 5 purchased + 53 in progress + 7 not interested');
    expect(text).toContain('Received 40 ▲5 = 2 purchased ▼1 + 33 in progress ▲6 + 5 not interested ±0');
    expect(text).toContain('Owns 120 = 32 purchased + 63 in progress + 25 not interested');
    expect(text).toContain('Received 25 ▼3 = 3 purchased ▲2 + 20 in progress ▼5 + 2 not interested ±0');
    expect(html).toContain('<strong>120</strong> = 32 purchased + 63 in progress + 25 not interested');
  });

  it('draws the reconciliation as a bar of table cells whose widths add up to 100%', () => {
    const { html } = render(managers.maria);

    expect(html).toMatch(/<td width="5%" bgcolor="#15803d"[^>]*>&nbsp;<\/td><td width="83%" bgcolor="#2563eb"[^>]*>&nbsp;<\/td><td width="12%" bgcolor="#9ca3af"/);
  });

  it('puts recognition before the reps and follow-up debt after them', () => {
    const { text } = render(managers.maria);
    const at = (needle: string) => text.indexOf(needle);

    expect(at('★ Ben Huber')).toBeGreaterThan(-1);
    expect(at('★ Ben Huber')).toBeLessThan(at('Anna Schmidt score 69'));
    expect(at('Anna Schmidt score 69')).toBeLessThan(at('Anna Schmidt: 5 stale leads, the oldest 19 days'));
  });

  it('shows this week’s focus beside what the rep did', () => {
    const { text } = render(managers.maria);

    expect(text).toContain('Focus this week (set by maria.keller@stoke.example)\n• Call the six leads still waiting for a first contact');
    expect(text).toContain('What Anna Schmidt did\n73 contacts, 34 first contacts');
  });

  it('greets a manager without a name, and a rep who left has no score and no focus', () => {
    const { text } = render(managers.maria);

    expect(text).toContain('Hi there,');
    expect(text).toContain('Dora Klein inactive');
    expect(text).not.toContain('What Dora Klein did');
  });

  it('shows under each score how it was made, part by part', () => {
    const { text } = render(managers.maria);

    expect(text).toContain(
      'Score 69 = Speed 33/50 (26 of 40 first-contact deadlines met) + Persistence 25/30 (52 of 63 open leads contacted this week) + Outcomes 11/20 (2 purchased, 2 not interested after 3+ contacts, 3 given up within 2 contacts)',
    );
  });

  it('praises nobody in a week when no rep met a deadline or logged a contact', () => {
    const quiet = { ...review, ranking: review.ranking.map((rep) => ({ ...rep, deadlinesMet: 0, contacts: 0, score: 0 })) };

    const variables = reviewEmailVariables(quiet, { email: managers.maria }, reps, links, company);
    const { text } = renderEmail('review/weekly-review', variables);

    expect(variables.recognition).toEqual([]);
    expect(text).toContain('Nobody to single out: praise goes to a rep who made first contacts on time or logged contacts, without giving up a lead early.');
    expect(text).not.toContain('★');
  });

  it('praises the best of the reps who followed up, not a higher score earned without a contact or with leads given up early', () => {
    // Ben logged purchases without a single contact; Cléo met deadlines but gave a lead up early; Anna logged two contacts.
    const ranked = (repId: string, name: string, score: number, figures: { deadlinesMet: number; contacts: number; givenUpEarly: number }) => ({ repId, name, score, parts: [], deadlinesDue: 5, openLeads: 5, ...figures });
    const mixed = {
      ...review,
      ranking: [
        ranked('ben', 'Ben Huber', 100, { deadlinesMet: 0, contacts: 0, givenUpEarly: 0 }),
        ranked('cleo', 'Cléo Martin', 80, { deadlinesMet: 4, contacts: 6, givenUpEarly: 1 }),
        ranked('anna', 'Anna Schmidt', 16, { deadlinesMet: 0, contacts: 2, givenUpEarly: 0 }),
      ],
    };

    const variables = reviewEmailVariables(mixed, { email: managers.maria }, [...reps, { repId: 'cleo', managerEmail: managers.maria }], links, company);

    expect(variables.recognition.map(({ name, score }) => [name, score])).toEqual([['Anna Schmidt', 16]]);
  });

  it('gives no score to a rep who had nothing to follow up', () => {
    const quiet = { ...review, reps: review.reps.map((rep) => (rep.repId === 'ben' ? { ...rep, followUpScore: null } : rep)) };

    const { text } = renderEmail('review/weekly-review', reviewEmailVariables(quiet, { email: managers.maria }, reps, links, company));

    expect(text).toContain('Ben Huber nothing to follow up');
  });

  it('escapes lead data printed into the HTML', () => {
    const hostile = { ...review, reps: review.reps.map((rep) => (rep.repId === 'anna' ? { ...rep, stale: [{ ...rep.stale[0]!, name: '<script>alert(1)</script>' }] } : rep)) };

    const { html } = renderEmail('review/weekly-review', reviewEmailVariables(hostile, { email: managers.maria }, reps, links, company));

    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('links to the full report', () => {
    const { html } = render(managers.maria);

    expect(html).toContain('href="https://stoke.example/reports/weekly?week=2026-W48&amp;format=html"');
  });
});
