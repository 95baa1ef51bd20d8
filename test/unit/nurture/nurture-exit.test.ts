import { describe, expect, it } from 'vitest';
import { type NurturedLead, nurtureExit } from '../../../functions/nurture/nurture-exit.ts';

const nurtured: NurturedLead = { temperature: 'warm', status: 'new', consent: { at: '2026-11-01T10:00:00Z', textVersion: 'v1' } };
const at = '2026-11-20T10:00:00Z';

describe('nurtureExit', () => {
  it.each([
    { name: 'a consenting warm lead stays', change: {}, exit: undefined },
    { name: 'a cold lead stays', change: { temperature: 'cold' }, exit: undefined },
    { name: 'a lead without consent leaves', change: { consent: undefined }, exit: 'no-consent' },
    { name: 'a lead whose consent is null leaves', change: { consent: null }, exit: 'no-consent' },
    { name: 'consent comes first, even before an unsubscribe', change: { consent: undefined, marketing: { unsubscribedAt: at } }, exit: 'no-consent' },
    { name: 'an unsubscribe', change: { marketing: { unsubscribedAt: at } }, exit: 'unsubscribed' },
    { name: 'an unsubscribe is reported before a complaint', change: { marketing: { unsubscribedAt: at, suppressed: { reason: 'complaint', at } } }, exit: 'unsubscribed' },
    { name: 'a complaint', change: { marketing: { suppressed: { reason: 'complaint', at } } }, exit: 'complained' },
    { name: 'a permanent bounce', change: { marketing: { suppressed: { reason: 'bounce', at } } }, exit: 'bounced' },
    { name: 'a bounce is reported before a purchase', change: { status: 'purchased', marketing: { suppressed: { reason: 'bounce', at } } }, exit: 'bounced' },
    { name: 'a purchase', change: { status: 'purchased' }, exit: 'purchased' },
    { name: 'a customer on a track for customers stays on it', change: { status: 'purchased', customerTrack: true }, exit: undefined },
    { name: 'a customer on a customer track who unsubscribed leaves it', change: { status: 'purchased', customerTrack: true, marketing: { unsubscribedAt: at } }, exit: 'unsubscribed' },
    { name: 'a purchase is reported before hot', change: { status: 'purchased', temperature: 'hot' }, exit: 'purchased' },
    { name: 'not interested without a reason', change: { status: 'not-interested' }, exit: 'not-interested' },
    { name: 'not interested, not to be nurtured', change: { status: 'not-interested', notInterestedReason: { returnToNurture: false } }, exit: 'not-interested' },
    { name: 'not interested, recycled into nurture, stays', change: { status: 'not-interested', notInterestedReason: { returnToNurture: true } }, exit: undefined },
    { name: 'a recycled lead stays in nurture however hot: sales judged it not ready', change: { status: 'not-interested', notInterestedReason: { returnToNurture: true }, temperature: 'hot' }, exit: undefined },
    { name: 'assigned to a rep', change: { status: 'assigned' }, exit: 'handed-off' },
    { name: 'being worked by a rep, even after cooling down', change: { status: 'in-progress', temperature: 'cold' }, exit: 'handed-off' },
    { name: 'handed off is reported before hot', change: { status: 'assigned', temperature: 'hot' }, exit: 'handed-off' },
    { name: 'a hot lead no rep has yet', change: { temperature: 'hot' }, exit: 'hot' },
  ] as const)('$name: $exit', ({ change, exit }) => {
    const lead: NurturedLead = { ...nurtured, ...change };

    const reason = nurtureExit(lead);

    expect(reason).toBe(exit);
  });
});
