import type { EmailStream } from './email-streams.ts';

export type OutgoingEmail = {
  to: string;
  /** Which configuration set it goes through, and so whose reputation it carries. */
  stream: EmailStream;
  subject: string;
  html: string;
  text: string;
  /** SES message tags: every later SES event carries them back (lead, template, step). */
  tags: Record<string, string>;
  headers?: Array<{ name: string; value: string }>;
};

export type EmailSender = { send(email: OutgoingEmail): Promise<{ messageId: string }> };

/** The value SES keeps of a message tag: letters, digits and _ - . @ only, anything else replaced. */
export const sesTagValue = (value: string): string => value.replace(/[^\w.@-]/g, '_');
