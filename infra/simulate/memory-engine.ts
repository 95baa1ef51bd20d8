import { fileURLToPath } from 'node:url';
import { marshall } from '@aws-sdk/util-dynamodb';
import { memoryMailer, type SentEmail } from '../../functions/email/memory-mailer.ts';
import { emailStreams, publishes } from '../../functions/email/email-streams.ts';
import { memoryBrakeStore } from '../../functions/sending/memory-brake-store.ts';
import { memoryPublisher } from '../../functions/events/memory-publisher.ts';
import { memoryLeadStore, memoryLeadTable } from '../../functions/leads/memory-lead-store.ts';
import { memoryFigureStore } from '../../functions/marketing/memory-figure-store.ts';
import { type Port, useAdapters } from '../../functions/platform/adapter-seam.ts';
import { useClock } from '../../functions/platform/clock.ts';
import { useInvocationContext } from '../../functions/platform/observability.ts';
import { memoryPrivacyStore } from '../../functions/privacy/memory-privacy-store.ts';
import { memoryRepStore, type MemoryRoster } from '../../functions/reps/memory-rep-store.ts';
import { memorySignIns } from '../../functions/reps/memory-sign-ins.ts';
import { memoryReviewSnapshots } from '../../functions/review/memory-review-snapshots.ts';
import { Rep } from '../../functions/routing/rep.ts';
import { memorySchedules } from '../../functions/schedules/memory-schedules.ts';
import { memoryClaims } from '../../functions/storage/memory-claims.ts';
import { keys } from '../../functions/storage/table.ts';
import { routes } from '../wiring/routes.ts';
import { eventRules } from '../wiring/rules.ts';
import { recurringSchedules } from '../wiring/schedules.ts';
import { defaultReviewTimeZone } from '../wiring/settings.ts';
import { apiGateway } from '../local/api-server.ts';
import { cronRecurrence } from '../local/cron-expression.ts';
import { DeadLetters, withAttempts } from '../local/dead-letters.ts';
import { eventRouter } from '../local/event-bus.ts';
import { type InFlight, settle } from '../local/in-flight.ts';
import { currentInvocation, lambdaInvoker } from '../local/lambda-invoker.ts';
import { localEnvironment, localSecretArns } from '../local/local-environment.ts';
import { startLocalSecrets } from '../local/secrets-manager.ts';
import seed from '../local/seed-reps.json' with { type: 'json' };
import { sesEvent } from '../local/ses-events.ts';
import type { SentMessage } from '../local/ses.ts';
import { VirtualClock } from '../local/virtual-clock.ts';
import type { Engine } from './engine.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Nothing listens here: an SDK call that bypassed the in-memory adapters fails at once instead of going unnoticed.
const nowhere = 'http://127.0.0.1:9';
// What the bus and the scheduler try a target before dead-lettering it, as the local runtime does.
const attempts = 3;

/**
 * Stoke in this process on the in-memory adapters: the same handler modules,
 * middleware and core as on Lambda, invoked by the same invoker, routed by the
 * same API gateway, event rules and schedules as the local runtime, with no
 * HTTP and no SDK call between them (only the signing key is read, once per
 * function, from a local Secrets Manager). Handlers build their adapters when
 * their module loads, so this runs once per process, before any handler loads.
 */
export async function startMemoryEngine(options: { startAt: Date }): Promise<Engine> {
  const clock = new VirtualClock(1e-9, options.startAt, { held: true });
  useClock(clock);
  useInvocationContext(currentInvocation);
  const secrets = await startLocalSecrets({ [localSecretArns.signing]: {}, [localSecretArns.webhook]: {} });
  Object.assign(
    process.env,
    localEnvironment({
      apiUrl: 'http://localhost:3000',
      dynamodbEndpoint: nowhere,
      eventBridgeEndpoint: nowhere,
      schedulerEndpoint: nowhere,
      sesEndpoint: nowhere,
      secretsEndpoint: secrets.endpoint,
      userPoolEndpoint: nowhere,
      tableName: 'stoke-memory',
    }),
  );

  const inFlight: InFlight = new Set();
  const deadLetters = new DeadLetters();
  const invoke = lambdaInvoker(root);
  const bus = eventRouter({
    rules: eventRules,
    deliver: async (target, event) => (target.type === 'function' ? invoke(target.name, event) : undefined),
    clock,
    inFlight,
    deadLetters,
    keepEvents: false,
  });

  const roster: MemoryRoster = new Map();
  const table = memoryLeadTable();
  const leads = memoryLeadStore({ roster, table });
  const reps = memoryRepStore(roster);
  for (const rep of seed) await reps.create(Rep.parse(rep), 0);
  const schedules = memorySchedules();
  // SES publishes a Send event for every message it accepts through a configuration set, as the local SES does.
  const mailer = memoryMailer({
    now: () => clock.now(),
    keepBodies: false,
    onSent: (email) => {
      const message = asSesKeepsIt(email);
      if (publishes(message.configurationSetName, 'send')) void bus.put({ ...sesEvent(message, { type: 'send', messageId: email.messageId }, clock.now()), 'event-bus-name': 'default' });
    },
  });
  const figures = memoryFigureStore();
  const adapters: Record<Port, unknown> = {
    leads,
    reps,
    claims: memoryClaims(),
    schedules,
    mailer,
    events: memoryPublisher((event) => void bus.put({ source: event.source, 'detail-type': event.detailType, detail: event.detail, resources: [], 'event-bus-name': process.env.EVENT_BUS_NAME! })),
    snapshots: memoryReviewSnapshots(),
    privacy: memoryPrivacyStore(table),
    signIns: memorySignIns(),
    figures,
    brake: memoryBrakeStore(),
  };
  useAdapters(adapters);

  const api = apiGateway({ routes, invoke, clock });
  const settleAll = () => settle(inFlight);
  let scheduled = 0;
  const fire = async (name: string, target: Parameters<typeof invoke>[0], input: unknown) => {
    const failure = await withAttempts(attempts, () => {
      scheduled++;
      return invoke(target, input);
    });
    if (failure) deadLetters.add({ kind: 'schedule', source: name, target, at: clock.now().toISOString(), ...failure, payload: input });
    await settleAll();
  };

  // Created before any one-time schedule, so at the same moment they fire first, as on the local scheduler.
  const timeZone = process.env.REVIEW_TIME_ZONE || defaultReviewTimeZone;
  const recurring = recurringSchedules.map((schedule) => {
    const next = cronRecurrence(schedule.expression, timeZone);
    return { schedule, next, dueAt: next(clock.now().getTime()) };
  });

  async function advance(milliseconds: number): Promise<void> {
    await settleAll();
    const until = clock.now().getTime() + milliseconds;
    for (;;) {
      const once = schedules.next();
      const cron = recurring.filter((r) => r.dueAt !== undefined).sort((a, b) => a.dueAt! - b.dueAt!)[0];
      const onceAt = once?.at.getTime() ?? Number.POSITIVE_INFINITY;
      const cronAt = cron?.dueAt ?? Number.POSITIVE_INFINITY;
      if (Math.min(onceAt, cronAt) > until) break;
      if (cron && cronAt <= onceAt) {
        clock.moveTo(new Date(cronAt));
        cron.dueAt = cron.next(cronAt + 1);
        await fire(cron.schedule.name, cron.schedule.target, cron.schedule.input);
      } else if (once) {
        clock.moveTo(once.at);
        // Gone before it runs, as a schedule created with ActionAfterCompletion DELETE: its target may schedule the same name again.
        await schedules.cancel(once.name);
        await fire(once.name, once.target, once.input);
      }
    }
    clock.moveTo(new Date(until));
  }

  const messages: SentMessage[] = [];
  const sent = () => {
    const emails = mailer.sent();
    for (let i = messages.length; i < emails.length; i++) messages.push(asSesKeepsIt(emails[i]!));
    return messages;
  };

  clock.release();
  return {
    name: 'memory',
    now: () => clock.now(),
    async request(method, path, init) {
      const url = new URL(path, 'http://localhost:3000');
      const body = Buffer.from(init.body ?? '', 'utf8');
      // The headers Node's fetch sends, which the local engine's requests carry.
      const headers = ['host', url.host, 'content-type', init.contentType ?? 'application/json', 'accept', '*/*', 'user-agent', 'node', 'content-length', String(body.length)];
      if (init.token) headers.push('authorization', `Bearer ${init.token}`);
      const result = await api({ method, url, body, rawHeaders: headers, sourceIp: '127.0.0.1', httpVersion: '1.1' });
      await settleAll();
      return { status: result.statusCode, body: result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body };
    },
    advance,
    settle: settleAll,
    sent,
    async sesEvent(message, request) {
      // SES publishes configuration-set events to the default bus only.
      bus.put({ ...sesEvent(message, request, clock.now()), 'event-bus-name': 'default' });
      await settleAll();
    },
    scheduledInvocations: () => scheduled,
    deadLetters: () => deadLetters.entries.length,
    leads,
    async figurePartition(day) {
      // The items as dynamodb-figure-store.ts writes them: counters prefixed 'c:'; samples with their expiry,
      // taken here as 90 days after the day's noon (the table's is 90 days after the sample was written).
      const [figuresOfDay] = await figures.days([day]);
      const expiresAt = Math.floor(Date.parse(`${day}T12:00:00Z`) / 1000) + 90 * 86_400;
      return [
        ...Object.entries(figuresOfDay!.counts).map(([item, counts]) =>
          marshall({ ...keys.figures(day, item), entity: 'figures', ...Object.fromEntries(Object.entries(counts).map(([name, n]) => [`c:${name}`, n])) }),
        ),
        ...Object.entries(figuresOfDay!.samples).map(([item, sample]) => marshall({ ...keys.figures(day, item), entity: 'figure-sample', sample, expiresAt })),
      ];
    },
    countsCalls: false,
    async stop() {
      await settleAll();
      await secrets.stop();
      useAdapters({});
      useClock(undefined);
      useInvocationContext(undefined);
    },
  };

  /** An email as SES keeps it, and as the local SES records it: the sender and configuration set every Stoke email is sent with. */
  function asSesKeepsIt(email: SentEmail): SentMessage {
    return {
      messageId: email.messageId,
      from: process.env.SENDER_ADDRESS!,
      destination: { to: [email.to], cc: [], bcc: [] },
      subject: email.subject,
      configurationSetName: emailStreams[email.stream].configurationSet,
      tags: Object.entries(email.tags).map(([name, value]) => ({ name, value })),
      headers: email.headers ?? [],
      sentAt: email.sentAt,
    };
  }
}
