import { describe, expect, it } from 'vitest';
import type { TopicPreferences } from '../../../functions/engagement/ses-event.ts';
import { optsOut } from '../../../functions/engagement/subscription-preferences.ts';
import { documentedSesEvents } from '../../../infra/local/ses-event-fixtures/documented-events.ts';

const documented = documentedSesEvents.subscription.detail.subscription;

describe('optsOut', () => {
  it.each<{ name: string; preferences: TopicPreferences | undefined; expected: boolean }>([
    { name: 'the documented event: unsubscribed from all and from its topic', preferences: documented.newTopicPreferences, expected: true },
    { name: 'unsubscribed from all, no topics', preferences: { unsubscribeAll: true }, expected: true },
    { name: 'one topic opted out, not all', preferences: { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'tips', subscriptionStatus: 'OptOut' }] }, expected: true },
    {
      name: 'one topic of two opted out',
      preferences: { topicSubscriptionStatus: [{ topicName: 'news', subscriptionStatus: 'OptIn' }, { topicName: 'tips', subscriptionStatus: 'OptOut' }] },
      expected: true,
    },
    { name: 'opted out as the API writes it', preferences: { topicSubscriptionStatus: [{ topicName: 'tips', subscriptionStatus: 'OPT_OUT' }] }, expected: true },
    { name: 'every topic opted in', preferences: { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'tips', subscriptionStatus: 'OptIn' }] }, expected: false },
    { name: 'nothing chosen', preferences: { unsubscribeAll: false, topicSubscriptionStatus: [] }, expected: false },
    { name: 'no preferences in the event', preferences: undefined, expected: false },
  ])('$name: $expected', ({ preferences, expected }) => {
    expect(optsOut(preferences)).toBe(expected);
  });
});
