/**
 * Stoke's two streams of email, each sent through its own SES configuration
 * set so that one's reputation cannot stop the other: a bad list's bounces
 * pause marketing's tips, never the handoff a rep is waiting for.
 * The stack creates the sets under these names and lets each function send
 * through its stream's set only; every email names its stream, and
 * engagement tells the streams' events apart by the set's name.
 */
export const emailStreams = {
  /**
   * Nurture tips and subscription confirmations, to leads. Every event SES
   * publishes of them counts: sends for the brake's rates, the rest for engagement.
   */
  marketing: { configurationSet: 'stoke-marketing', publishes: ['send', 'delivery', 'open', 'click', 'bounce', 'complaint', 'subscription'] },
  /**
   * Handoffs, reminders, escalations, morning lists and weekly reviews, to the people who work in Stoke. Only
   * their bounces and complaints count (the managers are told); an event for every one sent or opened would change nothing.
   */
  team: { configurationSet: 'stoke-team', publishes: ['bounce', 'complaint'] },
} as const satisfies Record<string, { configurationSet: string; publishes: readonly SesEventType[] }>;

/** SES's sending events, as its configuration sets name them. */
export type SesEventType = 'send' | 'delivery' | 'open' | 'click' | 'bounce' | 'complaint' | 'subscription';

export type EmailStream = keyof typeof emailStreams;

export const configurationSetNames: readonly string[] = Object.values(emailStreams).map((stream) => stream.configurationSet);

/** Whether SES publishes events of `type` for email sent through this configuration set. */
export function publishes(configurationSet: string | undefined, type: SesEventType): boolean {
  const stream = streamOf(configurationSet);
  return stream !== undefined && (emailStreams[stream].publishes as readonly SesEventType[]).includes(type);
}

/** The stream whose configuration set an SES event names, if it is one of Stoke's. */
export function streamOf(configurationSet: string | undefined): EmailStream | undefined {
  return (Object.keys(emailStreams) as EmailStream[]).find((stream) => emailStreams[stream].configurationSet === configurationSet);
}
