/**
 * Stoke's two streams of email, each sent through its own SES configuration
 * set so that one's reputation cannot stop the other: a bad list's bounces
 * pause marketing's tips, never the handoff a rep is waiting for.
 * The stack creates the sets under these names and lets each function send
 * through its stream's set only; every email names its stream, and
 * engagement tells the streams' events apart by the set's name.
 */
export const emailStreams = {
  /** Nurture tips and subscription confirmations, to leads. */
  marketing: { configurationSet: 'stoke-marketing' },
  /** Handoffs, reminders, escalations, morning lists and weekly reviews, to the people who work in Stoke. */
  team: { configurationSet: 'stoke-team' },
} as const;

export type EmailStream = keyof typeof emailStreams;

export const configurationSetNames: readonly string[] = Object.values(emailStreams).map((stream) => stream.configurationSet);

/** The stream whose configuration set an SES event names, if it is one of Stoke's. */
export function streamOf(configurationSet: string | undefined): EmailStream | undefined {
  return (Object.keys(emailStreams) as EmailStream[]).find((stream) => emailStreams[stream].configurationSet === configurationSet);
}
