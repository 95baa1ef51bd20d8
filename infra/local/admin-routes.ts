import type { APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../functions/platform/zod.ts';
import type { LocalRoute } from './api-server.ts';
import type { DeadLetter, DeadLetters } from './dead-letters.ts';
import type { BusEvent, LocalEventBus } from './event-bus.ts';
import type { LocalScheduler } from './scheduler.ts';
import { sesEvent, SesEventRequest } from './ses-events.ts';
import type { LocalSes } from './ses.ts';
import { parseDuration } from '../../functions/platform/durations.ts';
import type { VirtualClock } from './virtual-clock.ts';

const ClockRequest = z.object({ advance: z.string() });
const ReplayRequest = z.optional(z.object({ limit: z.optional(z.number().check(z.int(), z.minimum(1))) }));

/**
 * The `/_local/` endpoints: a stable contract for scripts and tests to move
 * the clock, see what is pending or failed, and play SES's part. Never deployed.
 */
export function localAdminRoutes(runtime: {
  clock: VirtualClock;
  advance(milliseconds: number): Promise<Date>;
  scheduler: LocalScheduler;
  ses: LocalSes;
  bus: LocalEventBus;
  deadLetters: DeadLetters;
  /** Delivers a dead letter again, the way it was first delivered. */
  redeliver(letter: DeadLetter): Promise<unknown>;
  eventLog: BusEvent[];
  settle(): Promise<void>;
}): LocalRoute {
  const routes: Record<string, (body: unknown) => Promise<APIGatewayProxyResult>> = {
    'GET /_local/clock': async () => json(200, { now: runtime.clock.now().toISOString() }),

    'POST /_local/clock': async (body) => {
      const request = ClockRequest.safeParse(body);
      if (!request.success) return json(400, { message: 'Send { "advance": "<ISO 8601 duration, such as PT25H>" }' });
      let milliseconds: number;
      try {
        milliseconds = parseDuration(request.data.advance);
      } catch (error) {
        return json(400, { message: (error as Error).message });
      }
      const now = await runtime.advance(milliseconds);
      return json(200, { now: now.toISOString() });
    },

    'GET /_local/schedules': async () => json(200, { schedules: runtime.scheduler.pending() }),

    'POST /_local/ses-events': async (body) => {
      const request = SesEventRequest.safeParse(body);
      if (!request.success) return json(400, { message: z.prettifyError(request.error) });
      const message = runtime.ses.message(request.data.messageId);
      if (!message) return json(404, { message: `No email with message id ${request.data.messageId} was sent through the local SES` });
      if (!message.configurationSetName) {
        return json(409, { message: `Message ${message.messageId} was sent without a configuration set, so SES would publish no event for it` });
      }
      const event = sesEvent(message, request.data, runtime.clock.now());
      // SES publishes configuration-set events to the default bus only.
      runtime.bus.put({ ...event, 'event-bus-name': 'default' });
      await runtime.settle();
      return json(202, { published: event['detail-type'] });
    },

    'GET /_local/dead-letters': async () => json(200, { deadLetters: runtime.deadLetters.entries }),

    'POST /_local/dead-letters/replay': async (body) => {
      const request = ReplayRequest.safeParse(body);
      if (!request.success) return json(400, { message: 'Send nothing, or { "limit": <how many of the oldest dead letters to replay> }' });
      const replay = await runtime.deadLetters.replay(runtime.redeliver, request.data?.limit);
      // What the replayed work published is delivered before the answer, as after a clock advance.
      await runtime.settle();
      return json(200, replay);
    },

    'GET /_local/event-log': async () => json(200, { events: runtime.eventLog }),
  };

  return async ({ method, url, body }) => {
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return url.pathname.startsWith('/_local/') ? json(404, { message: `No local endpoint ${method} ${url.pathname}` }) : undefined;
    let parsed: unknown;
    try {
      parsed = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      return json(400, { message: 'The body must be JSON' });
    }
    return route(parsed);
  };
}

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
