import { describe, expect, it } from 'vitest';
import { alertLinks } from '../../../functions/alerts/alert-links.ts';
import { emailInWords, failedAlertVariables, personOf } from '../../../functions/alerts/failed-alert.ts';
import type { TeamEmailFailed } from '../../../functions/events/team-email-failed.ts';
import { annaSchmidt } from '../../support/anna-schmidt.ts';

const maria = 'maria.keller@stoke.example';
const reps = [
  annaSchmidt(),
  annaSchmidt({ repId: 'lena-fischer', name: 'Lena Fischer', email: 'lena.fischer@stoke.example' }),
  annaSchmidt({ repId: 'olaf-lind', name: 'Olaf Lind', email: 'olaf.lind@stoke.example', active: false }),
  // A rep who manages others as well.
  annaSchmidt({ repId: 'tom-berger', name: 'Tom Berger', email: 'tom.berger@stoke.example', team: 'desk', managerEmail: 'paul.wagner@stoke.example' }),
  annaSchmidt({ repId: 'kim-roth', name: 'Kim Roth', email: 'kim.roth@stoke.example', team: 'desk', managerEmail: 'tom.berger@stoke.example' }),
];

describe('who a failing address is to the team', () => {
  it.each([
    { who: 'a rep', address: 'Anna.Schmidt@stoke.example', person: { name: 'Anna Schmidt', email: 'anna.schmidt@stoke.example', role: 'a rep of the field team' } },
    { who: 'a deactivated rep', address: 'olaf.lind@stoke.example', person: { name: 'Olaf Lind', email: 'olaf.lind@stoke.example', role: 'a rep of the field team, deactivated' } },
    // Olaf is inactive: Maria manages the two who work.
    { who: 'a manager, known by address', address: maria, person: { name: maria, email: maria, role: 'the manager of Anna Schmidt and Lena Fischer' } },
    { who: 'a rep who manages', address: 'tom.berger@stoke.example', person: { name: 'Tom Berger', email: 'tom.berger@stoke.example', role: 'a rep of the desk team and the manager of Kim Roth' } },
    { who: 'someone not on the roster', address: 'queue.watcher@stoke.example', person: { name: 'queue.watcher@stoke.example', email: 'queue.watcher@stoke.example', role: 'not on the roster' } },
  ])('names $who', ({ address, person }) => {
    expect(personOf(address, reps)).toEqual(person);
  });
});

describe('which email failed, in words', () => {
  it.each([
    { template: 'rep-handoff', words: 'the handoff of a hot lead' },
    { template: 'first-contact-reminder', words: 'a first-contact reminder' },
    { template: 'first-contact-escalation', words: 'the escalation of a missed first-contact deadline' },
    { template: 'morning-list', words: 'their morning list' },
    { template: 'weekly-review', words: 'the weekly lead review' },
    { template: 'something-new', words: 'an email from Stoke' },
    { template: undefined, words: 'an email from Stoke' },
  ])('calls $template "$words"', ({ template, words }) => {
    expect(emailInWords(template)).toBe(words);
  });
});

describe('the variables of the failure alert', () => {
  it('tells who, which email, what SES said and when, and links to the roster', () => {
    const failure: TeamEmailFailed = {
      version: 1,
      recipient: 'anna.schmidt@stoke.example',
      failure: 'bounce',
      diagnostic: 'smtp; 550 5.1.1 user unknown',
      template: 'rep-handoff',
      leadId: 'lead-1',
      messageId: 'm-1',
      at: '2026-03-09T10:40:00.000Z',
    };

    expect(failedAlertVariables(failure, reps, 'paul.wagner@stoke.example', alertLinks('https://stoke.example/desk/'), { name: 'Stoke', postalAddress: 'Berlin' })).toEqual({
      manager: { email: 'paul.wagner@stoke.example' },
      failure: {
        type: 'bounce',
        person: { name: 'Anna Schmidt', email: 'anna.schmidt@stoke.example', role: 'a rep of the field team' },
        email: 'the handoff of a hot lead',
        diagnostic: 'smtp; 550 5.1.1 user unknown',
        at: '2026-03-09T10:40:00.000Z',
      },
      links: { marketingUrl: 'https://stoke.example/desk/marketing', rosterUrl: 'https://stoke.example/desk/roster' },
      company: { name: 'Stoke', postalAddress: 'Berlin' },
    });
  });
});
