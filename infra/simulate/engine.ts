import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { LeadStore } from '../../functions/leads/lead-store.ts';
import type { SesEventRequest } from '../local/ses-events.ts';
import type { SentMessage } from '../local/ses.ts';

/** What the API answered: its status and body as text. */
export type Answer = { status: number; body: string };

/**
 * Where a simulation runs Stoke's handlers: on the local runtime against
 * DynamoDB Local and the local peers (the source of call counts and cost),
 * or in this process on the in-memory adapters (fast, no counts).
 */
export type Engine = {
  name: 'dynamodb' | 'memory';
  now(): Date;
  /** A request to Stoke's API, answered as API Gateway answers it; what it started has finished when this resolves. */
  request(method: string, path: string, init: { body?: string; contentType?: string; token?: string }): Promise<Answer>;
  /** Moves the clock forward, firing every schedule that falls due and delivering what they publish. */
  advance(milliseconds: number): Promise<void>;
  settle(): Promise<void>;
  /** Every email sent so far, oldest first. */
  sent(): SentMessage[];
  /** Plays SES's part for an email sent: publishes the event SES would publish about it, and waits for what it starts. */
  sesEvent(message: SentMessage, request: SesEventRequest): Promise<void>;
  /** Scheduled invocations so far, retries included. */
  scheduledInvocations(): number;
  deadLetters(): number;
  /** The lead store, to read every lead back at the end. */
  leads: LeadStore;
  /**
   * The items of one day's marketing figures partition (`FIGURES#<day>`) as the table holds them, read outside
   * any function and uncounted: by a Query on DynamoDB Local, or as the table would hold the in-memory figures.
   */
  figurePartition(day: string): Promise<Array<Record<string, AttributeValue>>>;
  /** Whether the run's SDK calls are counted (DynamoDB engine only). */
  countsCalls: boolean;
  stop(): Promise<void>;
};
