import type { EmailStream } from '../email/email-streams.ts';
import type { BrakeVerdict } from './reputation.ts';

/** Why and since when a stream is paused: what the managers were told. */
export type Paused = Extract<BrakeVerdict, { pause: true }> & {
  at: string;
  windowDays: number;
  leads: { bounced: string[]; complained: string[] };
  /** The SES event that pulled the brake: its retry announces the pause again. */
  eventId: string;
};

export type BrakeState =
  | { status: 'running'; resumed?: { by: string; at: string; paused: Paused } }
  | { status: 'paused'; paused: Paused };

/** A send that waits for the brake to be released: a lead's next tip, or its enrolment (the opt-in confirmation). */
export type Held = { leadId: string; kind: 'step'; seq: number; at: string } | { leadId: string; kind: 'enrolment'; at: string };

/**
 * A stream's brake and the sends waiting on it. Pausing and resuming are
 * each won by one caller only, so the managers are told once and the
 * waiting sends are released once.
 */
export type BrakeStore = {
  state(stream: EmailStream): Promise<BrakeState>;
  /** Pauses a running stream; 'already paused' when another caller got there first. */
  pause(stream: EmailStream, paused: Paused): Promise<'paused' | 'already paused'>;
  /** Resumes a paused stream; 'not paused' when it is running (resumed before). */
  resume(stream: EmailStream, by: string, at: string): Promise<'resumed' | 'not paused'>;
  /** Keeps a send waiting; a lead waits with one send at a time, the latest. */
  hold(stream: EmailStream, held: Held): Promise<void>;
  /** Every send waiting on the stream. */
  held(stream: EmailStream): Promise<Held[]>;
  /** The send no longer waits (it went out again, or the lead left meanwhile). */
  release(stream: EmailStream, leadId: string): Promise<void>;
};
