import { alertLinks } from '../../functions/alerts/alert-links.ts';
import { failedAlertVariables } from '../../functions/alerts/failed-alert.ts';
import { type LeadBehind, pausedAlertVariables } from '../../functions/alerts/paused-alert.ts';
import type { SendingPaused } from '../../functions/events/sending-paused.ts';
import type { TeamEmailFailed } from '../../functions/events/team-email-failed.ts';
import type { LeadProfile } from '../../functions/leads/lead.ts';
import type { Rep } from '../../functions/routing/rep.ts';
import type { Company } from './preview-company.ts';
import type { SampleLead } from './sample-lead.ts';

const maria = 'maria.keller@stoke.example';
const links = alertLinks('https://stoke.example/desk/');
const rep = (repId: string, name: string, changes: Partial<Rep> = {}): Rep => ({
  repId, name, email: `${repId.replace('-', '.')}@stoke.example`, managerEmail: maria, team: 'field', territories: [], active: true, capacity: 20, weight: 1, timezone: 'Europe/Berlin', ...changes,
});
const reps = [rep('anna-schmidt', 'Anna Schmidt'), rep('lena-fischer', 'Lena Fischer'), rep('tom-berger', 'Tom Berger', { managerEmail: 'paul.wagner@stoke.example', team: 'desk' })];
const behind = (email: string, profile: LeadProfile, event: LeadBehind['event']) => ({ lead: { email, profile }, event });

const bounceBurst: SendingPaused = {
  version: 1,
  stream: 'marketing',
  because: 'bounces',
  sends: 1240,
  bounces: { count: 74, rate: 74 / 1240, threshold: 0.03 },
  complaints: { count: 0, rate: 0, threshold: 0.0008 },
  windowDays: 7,
  at: '2026-03-09T10:42:00.000Z',
};
const complaints: SendingPaused = {
  ...bounceBurst,
  because: 'complaints',
  sends: 2210,
  bounces: { count: 12, rate: 12 / 2210, threshold: 0.03 },
  complaints: { count: 2, rate: 2 / 2210, threshold: 0.0008 },
};
const burstLeads = [
  behind('ada@acme.example', { firstName: 'Ada', lastName: 'Lovelace', company: 'Acme Analytics' }, 'complained'),
  behind('sam.lee@example.com', {}, 'bounced'),
  behind('jm@example.com', { firstName: 'José-Maria', lastName: 'Fernández', company: 'Fernández & Hijos' }, 'bounced'),
  behind('grace@navy.example', { firstName: 'Grace', lastName: 'Hopper', company: 'Navy Analytics' }, 'bounced'),
  // An imported list gone stale: what the leads share is what the managers look for.
  ...Array.from({ length: 16 }, (_, index) => behind(`buyer${index + 1}@weber.example`, { firstName: 'Dana', lastName: `Weber ${index + 1}`, company: 'Weber Maschinenbau GmbH' }, 'bounced')),
];
const handoffBounced: TeamEmailFailed = {
  version: 1,
  recipient: 'anna.schmidt@stoke.example',
  failure: 'bounce',
  diagnostic: 'smtp; 550 5.1.1 <anna.schmidt@stoke.example>: Recipient address rejected: User unknown',
  template: 'rep-handoff',
  leadId: 'sample-lead',
  messageId: 'sample-message',
  at: '2026-03-09T10:40:00.000Z',
};
const reviewComplained: TeamEmailFailed = { version: 1, recipient: maria, failure: 'complaint', template: 'weekly-review', messageId: 'sample-message', at: '2026-03-09T07:05:00.000Z' };

/**
 * The alerts, built as the function builds them, sent as `company`. Each
 * sample holds a pause and a failure, so that both templates of the kind
 * show something real for every sample.
 */
export function alertSamplesFor(company: Company): SampleLead[] {
  return [
    {
      label: "Bounces over the threshold with 23 leads behind them; Anna's handoff bounced",
      variables: {
        ...pausedAlertVariables(bounceBurst, burstLeads, 23, 'paul.wagner@stoke.example', links, company),
        failure: failedAlertVariables(handoffBounced, reps, 'paul.wagner@stoke.example', links, company).failure,
      },
    },
    {
      label: "Complaints over the threshold, one lead without a name; a manager's weekly review drew a complaint",
      variables: {
        ...pausedAlertVariables(complaints, [behind('sam.lee@example.com', {}, 'complained')], 1, 'paul.wagner@stoke.example', links, company),
        failure: failedAlertVariables(reviewComplained, reps, 'paul.wagner@stoke.example', links, company).failure,
      },
    },
  ];
}
