import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailStreams } from '../../functions/email/email-streams.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { json as apiJson } from '../support/api-event.ts';
import { readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

beforeAll(async () => {
  // A Wednesday: the few hours this test moves the clock never reach Monday's review.
  runtime = await startTestRuntime('runtime', new Date('2026-11-25T10:00:00Z'));
});
afterAll(() => runtime?.stop());

const local = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${runtime.apiUrl}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};

const atSecond = (date: Date) => date.toISOString().slice(0, 19);

describe('the /_local/ contract', () => {
  it('tells the time', async () => {
    const { status, body } = await local('GET', '/_local/clock');

    expect(status).toBe(200);
    expect(Math.abs(Date.parse(body.now) - runtime.clock.now().getTime())).toBeLessThan(1000);
  });

  it('fires a schedule only when the clock passes it, with handlers reading the virtual time', async () => {
    // Given a schedule, made with the real SDK, that posts a lead through the capture function in two hours
    const due = new Date(runtime.clock.now().getTime() + 2 * 3_600_000);
    const scheduler = new SchedulerClient({ endpoint: runtime.scheduler.endpoint, region: 'us-east-1', credentials });
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'late-lead',
        ScheduleExpression: `at(${atSecond(due)})`,
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: 'arn:aws:lambda:us-east-1:000000000000:function:stoke-capture',
          RoleArn: 'arn:aws:iam::000000000000:role/scheduler',
          Input: JSON.stringify(apiJson({ email: 'later@acme-industries.com' })),
        },
      }),
    );
    // Stoke's own recurring schedules (group stoke) are pending too: this test looks at its one-time schedule only.
    const oneTime = async () => ((await local('GET', '/_local/schedules')).body.schedules as Array<{ groupName: string }>).filter((s) => s.groupName === 'default');
    expect(await oneTime()).toEqual([expect.objectContaining({ name: 'late-lead', dueAt: `${atSecond(due)}.000Z`, target: expect.objectContaining({ function: 'capture' }) })]);

    // When the clock moves one hour, nothing fires
    await local('POST', '/_local/clock', { advance: 'PT1H' });
    const lead = async () => (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).find((i) => i.entity === 'lead' && i.email === 'later@acme-industries.com');
    expect(await lead()).toBeUndefined();

    // When it moves two more hours, the schedule fires at its due time and its event is delivered
    const before = runtime.clock.now().getTime();
    const moved = await local('POST', '/_local/clock', { advance: 'PT2H' });

    expect(Date.parse(moved.body.now) - before).toBeGreaterThanOrEqual(2 * 3_600_000);
    // The clock keeps running while the handler works, as time does on AWS.
    const firedAfter = Date.parse((await lead())?.capturedAt) - Date.parse(`${atSecond(due)}Z`);
    expect(firedAfter).toBeGreaterThanOrEqual(0);
    expect(firedAfter).toBeLessThan(5000);
    expect(runtime.eventLog.filter((e) => e['detail-type'] === 'lead.captured')).toHaveLength(1);
    expect(await oneTime()).toEqual([]);
  });

  it("holds Stoke's recurring schedules from the start: the weekly review, next Monday at 08:00 in REVIEW_TIME_ZONE", async () => {
    const { body } = await local('GET', '/_local/schedules');

    const review = body.schedules.find((s: { name: string }) => s.name === 'weekly-lead-review');
    expect(review).toMatchObject({ groupName: 'stoke', input: {}, target: { arn: 'arn:aws:lambda:us-east-1:000000000000:function:stoke-weekly-review', function: 'weekly-review' } });
    const due = new Date(review.dueAt);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: process.env.REVIEW_TIME_ZONE || 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(due)).toBe('Mon 08:00');
    expect(due.getTime() - runtime.clock.now().getTime()).toBeGreaterThan(0);
    expect(due.getTime() - runtime.clock.now().getTime()).toBeLessThanOrEqual(7 * 86_400_000);
  });

  it.each([{ advance: 'soon' }, { advance: 'P1M' }, {}])('refuses the clock request %j', async (body) => {
    expect((await local('POST', '/_local/clock', body)).status).toBe(400);
  });

  it.each(Object.values(emailStreams).map(({ configurationSet }) => configurationSet))(
    'publishes the SES event of a message Stoke sent through the %s configuration set, with its tags, on the default bus',
    async (configurationSet) => {
      const ses = new SESv2Client({ endpoint: runtime.ses.endpoint, region: 'us-east-1', credentials });
      const { MessageId } = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'tips@stoke.example',
          Destination: { ToAddresses: ['reader@acme-industries.com'] },
          ConfigurationSetName: configurationSet,
          EmailTags: [{ Name: 'leadId', Value: 'lead-7' }],
          Content: { Simple: { Subject: { Data: 'A tip' }, Body: { Text: { Data: 'Hello' } } } },
        }),
      );

      const answer = await local('POST', '/_local/ses-events', { messageId: MessageId, type: 'click', link: 'https://stoke.example/pricing' });

      expect(answer).toEqual({ status: 202, body: { published: 'Email Clicked' } });
      const clicks = runtime.bus.events.filter((e) => e['detail-type'] === 'Email Clicked' && (e.detail as { mail?: { messageId?: string } }).mail?.messageId === MessageId);
      expect(clicks).toHaveLength(1);
      expect(clicks[0]).toMatchObject({ source: 'aws.ses', 'event-bus-name': 'default', resources: [`arn:aws:ses:us-east-1:000000000000:configuration-set/${configurationSet}`] });
      expect(clicks[0]!.detail).toMatchObject({
        eventType: 'Click',
        mail: { messageId: MessageId, tags: { leadId: ['lead-7'], 'ses:configuration-set': [configurationSet] } },
        click: { link: 'https://stoke.example/pricing' },
      });
    },
  );

  it('answers 404 for a message it never sent and 400 for a click without a link', async () => {
    expect((await local('POST', '/_local/ses-events', { messageId: 'nope', type: 'open' })).status).toBe(404);
    expect((await local('POST', '/_local/ses-events', { messageId: 'nope', type: 'click' })).status).toBe(400);
  });

  it('lists dead letters', async () => {
    expect(await local('GET', '/_local/dead-letters')).toEqual({ status: 200, body: { deadLetters: [] } });
  });
});
