import { describe, expect, it } from 'vitest';
import { alertLinks } from '../../../functions/alerts/alert-links.ts';
import { leadsBehind, pausedAlertVariables, percent } from '../../../functions/alerts/paused-alert.ts';
import type { SendingPaused } from '../../../functions/events/sending-paused.ts';

const pause: SendingPaused = {
  version: 1,
  stream: 'marketing',
  because: 'bounces',
  sends: 1000,
  bounces: { count: 40, rate: 0.04, threshold: 0.03 },
  complaints: { count: 0, rate: 0, threshold: 0.0008 },
  windowDays: 7,
  at: '2026-03-09T10:42:00.000Z',
};
const company = { name: 'Stoke', postalAddress: 'Berlin' };
const links = alertLinks('https://stoke.example/desk');

describe('the leads behind a pause', () => {
  it('lists complaints first, then bounces, each lead once', () => {
    expect(leadsBehind({ bounced: ['b-1', 'both', 'b-2'], complained: ['both', 'c-1'] })).toEqual([
      { leadId: 'both', event: 'complained' },
      { leadId: 'c-1', event: 'complained' },
      { leadId: 'b-1', event: 'bounced' },
      { leadId: 'b-2', event: 'bounced' },
    ]);
  });
});

describe('a rate as printed', () => {
  it.each([
    { rate: 0.0597, printed: '5.97%' },
    { rate: 0.03, printed: '3%' },
    { rate: 0.0008, printed: '0.08%' },
    { rate: 0, printed: '0%' },
    { rate: 1 / 50_000, printed: 'under 0.01%' },
  ])('prints $rate as $printed', ({ rate, printed }) => {
    expect(percent(rate)).toBe(printed);
  });
});

describe('the variables of the pause alert', () => {
  it('gives the figures ready to print, marking the rate that reached its threshold', () => {
    const variables = pausedAlertVariables(pause, [], 0, 'maria.keller@stoke.example', links, company);

    expect(variables.pause).toMatchObject({
      because: 'bounces',
      sends: 1000,
      windowDays: 7,
      bounces: { count: 40, rate: '4%', threshold: '3%', over: true },
      complaints: { count: 0, rate: '0%', threshold: '0.08%', over: false },
      at: pause.at,
    });
    expect(variables.manager).toEqual({ email: 'maria.keller@stoke.example' });
    expect(variables.links).toEqual({ marketingUrl: 'https://stoke.example/desk/marketing', rosterUrl: 'https://stoke.example/desk/roster' });
  });

  it('names each lead, by its address when it gave no name, and counts those beyond the twenty listed', () => {
    const listed = [
      { lead: { email: 'ada@acme.example', profile: { firstName: 'Ada', lastName: 'Lovelace', company: 'Acme Analytics' } }, event: 'complained' as const },
      { lead: { email: 'sam.lee@example.com', profile: {} }, event: 'bounced' as const },
    ];

    const { pause: printed } = pausedAlertVariables(pause, listed, 23, 'maria.keller@stoke.example', links, company);

    expect(printed.leads).toEqual([
      { name: 'Ada Lovelace', company: 'Acme Analytics', event: 'complained' },
      { name: 'sam.lee@example.com', company: undefined, event: 'bounced' },
    ]);
    expect([printed.leadCount, printed.leadsMore]).toEqual([23, 3]);
  });
});
