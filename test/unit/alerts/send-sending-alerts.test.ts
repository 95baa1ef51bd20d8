import { describe, expect, it } from 'vitest';
import { alertSendingPaused, alertTeamEmailFailed, type SendingAlertDeps } from '../../../functions/alerts/send-sending-alerts.ts';
import { memoryMailer } from '../../../functions/email/memory-mailer.ts';
import type { TemplateRenderer } from '../../../functions/email/render-email.ts';
import type { SendingPaused } from '../../../functions/events/sending-paused.ts';
import type { TeamEmailFailed } from '../../../functions/events/team-email-failed.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { type MemoryRoster, memoryRepStore } from '../../../functions/reps/memory-rep-store.ts';
import type { RepStore } from '../../../functions/reps/rep-store.ts';
import type { Paused } from '../../../functions/sending/brake-store.ts';
import { memoryBrakeStore } from '../../../functions/sending/memory-brake-store.ts';
import { memoryClaims } from '../../../functions/storage/memory-claims.ts';
import { annaSchmidt } from '../../support/anna-schmidt.ts';
import { hotLead } from '../../support/hot-lead.ts';

const maria = 'maria.keller@stoke.example';
const paul = 'paul.wagner@stoke.example';
const at = '2026-03-09T10:42:00.000Z';
const pause: SendingPaused = {
  version: 1,
  stream: 'marketing',
  because: 'bounces',
  sends: 100,
  bounces: { count: 4, rate: 0.04, threshold: 0.03 },
  complaints: { count: 0, rate: 0, threshold: 0.0008 },
  windowDays: 7,
  at,
};
const failure: TeamEmailFailed = {
  version: 1,
  recipient: maria,
  failure: 'bounce',
  diagnostic: 'smtp; 550 5.1.1 user unknown',
  template: 'lead-reassigned',
  messageId: 'm-1',
  at,
};

// The email's content is the variables' (paused-alert, failed-alert); here only who gets one, how often, and with which leads.
function prepare() {
  const roster: MemoryRoster = new Map();
  const rendered: Array<{ templateId: string; variables: Record<string, any> }> = [];
  const templates: TemplateRenderer = {
    render: (templateId, variables) => {
      rendered.push({ templateId, variables });
      return { subject: templateId, preheader: '', html: '', text: '' };
    },
    conditionsHold: () => true,
  };
  const mailer = memoryMailer();
  const [leads, reps, brake] = [memoryLeadStore({ roster }), memoryRepStore(roster), memoryBrakeStore()];
  const deps: SendingAlertDeps = {
    leads,
    reps,
    brake,
    claims: memoryClaims(),
    mailer,
    templates,
    settings: { deskUrl: 'https://d1234.cloudfront.net/desk/', company: { name: 'Stoke', postalAddress: 'Berlin' } },
  };
  return { deps, leads, reps, brake, mailer, rendered };
}

async function withTeam(reps: RepStore) {
  for (const rep of [
    annaSchmidt(),
    annaSchmidt({ repId: 'lena-fischer', name: 'Lena Fischer', email: 'lena.fischer@stoke.example', managerEmail: 'Maria.Keller@stoke.example' }),
    annaSchmidt({ repId: 'tom-berger', name: 'Tom Berger', email: 'tom.berger@stoke.example', managerEmail: paul }),
    annaSchmidt({ repId: 'olaf-lind', name: 'Olaf Lind', email: 'olaf.lind@stoke.example', managerEmail: 'gone.manager@stoke.example', active: false }),
  ]) {
    await reps.create(rep, 0);
  }
}

const paused = (leads: Paused['leads']): Paused => ({ ...pause, pause: true, leads, eventId: 'ses-event-1' });

describe('the alert that marketing email is paused', () => {
  it('emails each manager of an active rep once, through the team stream, with the leads behind the pause', async () => {
    const { deps, mailer, rendered, leads, reps, brake } = prepare();
    await withTeam(reps);
    const bounced = hotLead({ profile: { firstName: 'Ada', lastName: 'Lovelace', company: 'Acme Analytics' } });
    await leads.insert(bounced, { type: 'captured', at, by: 'lead', details: {} });
    await brake.pause('marketing', paused({ bounced: [bounced.leadId, 'erased-lead'], complained: [] }));

    const outcome = await alertSendingPaused(pause, deps);

    expect(outcome).toEqual({ type: 'sent', managers: 2, leads: 2 });
    expect(mailer.sent().map((email) => [email.to, email.stream, email.tags])).toEqual([
      [maria, 'team', { template: 'sending-paused' }],
      [paul, 'team', { template: 'sending-paused' }],
    ]);
    // The erased lead is counted, never named.
    expect(rendered[0]).toMatchObject({
      templateId: 'alerts/sending-paused',
      variables: { manager: { email: maria }, pause: { leads: [{ name: 'Ada Lovelace', company: 'Acme Analytics', event: 'bounced' }], leadCount: 2, leadsMore: 0 }, links: { marketingUrl: 'https://d1234.cloudfront.net/desk/marketing' } },
    });
  });

  it('emails nobody twice when the event is delivered again', async () => {
    const { deps, mailer, reps, brake } = prepare();
    await withTeam(reps);
    await brake.pause('marketing', paused({ bounced: [], complained: [] }));

    await alertSendingPaused(pause, deps);
    await alertSendingPaused(pause, deps);

    expect(mailer.sent()).toHaveLength(2);
  });

  it('emails nobody about a pause a manager has resumed since', async () => {
    const { deps, mailer, reps, brake } = prepare();
    await withTeam(reps);
    await brake.pause('marketing', paused({ bounced: [], complained: [] }));
    await brake.resume('marketing', maria, '2026-03-09T11:00:00.000Z');

    expect(await alertSendingPaused(pause, deps)).toEqual({ type: 'skipped', why: 'resumed since' });
    expect(mailer.sent()).toEqual([]);
  });

  it('gives the claim back when a send fails, so the retry emails the managers it missed', async () => {
    const { deps, mailer, reps, brake } = prepare();
    await withTeam(reps);
    await brake.pause('marketing', paused({ bounced: [], complained: [] }));
    let failures = 1;
    const flaky: SendingAlertDeps = {
      ...deps,
      mailer: { send: async (email) => (email.to === paul && failures-- > 0 ? Promise.reject(new Error('SES is down')) : mailer.send(email)) },
    };

    await expect(alertSendingPaused(pause, flaky)).rejects.toThrow('SES is down');
    await alertSendingPaused(pause, flaky);

    expect(mailer.sent().map((email) => email.to)).toEqual([maria, paul]);
  });
});

describe('the alert that an email to a colleague failed', () => {
  it('emails every manager but the one whose address failed, once each', async () => {
    const { deps, mailer, rendered, reps } = prepare();
    await withTeam(reps);

    const outcome = await alertTeamEmailFailed(failure, deps);
    await alertTeamEmailFailed(failure, deps);

    expect(outcome).toEqual({ type: 'sent', managers: 1 });
    expect(mailer.sent().map((email) => [email.to, email.stream, email.tags])).toEqual([[paul, 'team', { template: 'team-email-failed' }]]);
    expect(rendered[0]).toMatchObject({
      templateId: 'alerts/team-email-failed',
      variables: { failure: { person: { name: maria, role: 'the manager of Anna Schmidt and Lena Fischer' }, email: 'the notice that a lead moved on after a missed deadline' } },
    });
  });

  it('tells the managers again about a complaint on the same email: another failure', async () => {
    const { deps, mailer, reps } = prepare();
    await withTeam(reps);

    await alertTeamEmailFailed({ ...failure, recipient: 'anna.schmidt@stoke.example' }, deps);
    await alertTeamEmailFailed({ ...failure, recipient: 'anna.schmidt@stoke.example', failure: 'complaint' }, deps);

    expect(mailer.sent().map((email) => email.to)).toEqual([maria, paul, maria, paul]);
  });

  it.each([
    { name: 'the only manager', changes: { recipient: paul }, roster: 'one manager', why: 'nobody to tell' },
    { name: 'an alert about a failed email', changes: { template: 'team-email-failed' }, roster: 'the team', why: 'an alert about an alert' },
  ])('emails nobody when the failing address is $name', async ({ changes, roster, why }) => {
    const { deps, mailer, reps } = prepare();
    if (roster === 'the team') await withTeam(reps);
    else await reps.create(annaSchmidt({ managerEmail: paul }), 0);

    expect(await alertTeamEmailFailed({ ...failure, ...changes }, deps)).toEqual({ type: 'skipped', why });
    expect(mailer.sent()).toEqual([]);
  });
});
