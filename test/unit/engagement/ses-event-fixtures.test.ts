import { describe, expect, it } from 'vitest';
import { configurationSetNames } from '../../../functions/email/email-streams.ts';
import { SesEventDetail } from '../../../functions/engagement/ses-event.ts';
import { renderPattern } from '../../../infra/local/event-bus.ts';
import { matchesPattern, validatePattern } from '../../../infra/local/event-pattern.ts';
import { type DocumentedSesEvent, documentedSesEvents, eventObjectKey, type SesEventType } from '../../../infra/local/ses-event-fixtures/documented-events.ts';
import { eventRules } from '../../../infra/wiring/rules.ts';

// What SES publishes to EventBridge (EventBridge events reference, "Amazon Simple Email Service events"),
// and what Stoke decides for each: engagement acts on the routed ones, the rule leaves the others out.
const cases: Array<{ type: SesEventType; detailType: string; eventType: string; object: string; routed: boolean }> = [
  // Sends are what a stream's bounce and complaint rates are counted against (the brake).
  { type: 'send', detailType: 'Email Sent', eventType: 'Send', object: 'send', routed: true },
  { type: 'delivery', detailType: 'Email Delivered', eventType: 'Delivery', object: 'delivery', routed: true },
  { type: 'delivery-delay', detailType: 'Email Delivery Delayed', eventType: 'DeliveryDelay', object: 'deliveryDelay', routed: false },
  { type: 'open', detailType: 'Email Opened', eventType: 'Open', object: 'open', routed: true },
  { type: 'click', detailType: 'Email Clicked', eventType: 'Click', object: 'click', routed: true },
  { type: 'bounce', detailType: 'Email Bounced', eventType: 'Bounce', object: 'bounce', routed: true },
  { type: 'complaint', detailType: 'Email Complaint Received', eventType: 'Complaint', object: 'complaint', routed: true },
  { type: 'reject', detailType: 'Email Rejected', eventType: 'Reject', object: 'reject', routed: false },
  { type: 'rendering-failure', detailType: 'Email Rendering Failed', eventType: 'Rendering Failure', object: 'failure', routed: false },
  { type: 'subscription', detailType: 'Email Subscribed', eventType: 'Subscription', object: 'subscription', routed: true },
];

const engagementRule = eventRules.find((rule) => rule.name === 'email-engagement')!;
// The pattern as CloudFormation, and so EventBridge, sees it.
const pattern = validatePattern(renderPattern(engagementRule.pattern));

// A documented event as it would come from a message Stoke sent: its configuration set is its stream's.
function fromConfigurationSet(event: DocumentedSesEvent, configurationSet: string): DocumentedSesEvent {
  const copy = structuredClone(event);
  copy.detail.mail.tags = { ...(copy.detail.mail.tags as Record<string, string[]>), 'ses:configuration-set': [configurationSet] };
  return copy;
}

describe('the SES event fixtures', () => {
  it('hold one event per SES sending event type EventBridge lists', () => {
    expect(Object.keys(documentedSesEvents).sort()).toEqual(cases.map((c) => c.type).sort());
    expect(Object.values(documentedSesEvents).map((event) => event['detail-type'])).toEqual(cases.map((c) => c.detailType));
  });

  it.each(cases)('$detailType: the EventBridge envelope around the SES event record', ({ type, detailType, eventType, object }) => {
    const event: DocumentedSesEvent = documentedSesEvents[type];

    expect(Object.keys(event)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(event).toMatchObject({ version: '0', 'detail-type': detailType, source: 'aws.ses', account: '123456789012', region: 'us-east-1' });
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(event.detail.eventType).toBe(eventType);
    expect(eventObjectKey(event)).toBe(object);
  });

  it.each(cases)('$detailType: the engagement handler can read it', ({ type }) => {
    expect(SesEventDetail.safeParse(documentedSesEvents[type].detail).success).toBe(true);
  });
});

describe('the email-engagement rule', () => {
  it('routes the configuration sets of both streams, stoke-marketing and stoke-team', () => {
    expect(configurationSetNames).toEqual(['stoke-marketing', 'stoke-team']);
  });

  it.each(configurationSetNames.flatMap((configurationSet) => cases.map((each) => ({ ...each, configurationSet }))))(
    '$detailType of the $configurationSet configuration set: routed to engagement is $routed',
    ({ type, routed, configurationSet }) => {
      const event = fromConfigurationSet(documentedSesEvents[type], configurationSet);

      expect(matchesPattern(pattern, event)).toBe(routed);
    },
  );

  it.each(cases)('$detailType of another configuration set: not routed', ({ type }) => {
    // As documented: the configuration set is "ConfigSet".
    expect(matchesPattern(pattern, documentedSesEvents[type])).toBe(false);
  });

  it.each(cases)('$detailType of the retired stoke configuration set: not routed', ({ type }) => {
    expect(matchesPattern(pattern, fromConfigurationSet(documentedSesEvents[type], 'stoke'))).toBe(false);
  });

  it('names only detail-types SES publishes', () => {
    const published = Object.values(documentedSesEvents).map((event) => event['detail-type']);

    expect(pattern['detail-type']).toEqual(expect.any(Array));
    for (const detailType of pattern['detail-type'] as string[]) expect(published).toContain(detailType);
  });
});
