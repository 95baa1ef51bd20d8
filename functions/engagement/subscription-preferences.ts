import type { TopicPreferences } from './ses-event.ts';

/**
 * Whether the preferences a person just left in SES's subscription
 * management say no to Stoke's marketing email. Stoke sends one kind (its
 * tips), so unsubscribing from all or opting out of any topic is a no; an
 * opt-in never re-subscribes anyone, that takes Stoke's own confirmation.
 */
export function optsOut(preferences: TopicPreferences | undefined): boolean {
  if (preferences?.unsubscribeAll) return true;
  // SES's events write "OptOut"; its API writes OPT_OUT.
  return (preferences?.topicSubscriptionStatus ?? []).some((topic) => /^opt_?out$/i.test(topic.subscriptionStatus));
}
