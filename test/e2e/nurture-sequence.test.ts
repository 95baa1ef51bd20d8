import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNurtureSteps } from '../../functions/email/nurture-sequences.ts';
import { createTemplateRenderer } from '../../functions/email/render-email.ts';
import { nurtureTemplates } from '../../functions/email/templates/nurture.ts';
import { wallTime } from '../../functions/platform/time-zones.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import type { SentMessage } from '../../infra/local/ses.ts';
import { readTable } from '../support/table-reader.ts';

const nurtureSteps = createNurtureSteps(nurtureTemplates);
const { conditionsHold } = createTemplateRenderer(nurtureTemplates);

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime('nurture', new Date('2026-11-23T08:00:00Z'));
});
afterAll(() => runtime?.stop());

// 33 points: warm, and consenting.
const warmLead = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  firstName: 'Ravi',
  company: 'Northwind Traders',
  authority: 'influencer',
  timeline: '6m',
  consent: true,
  country: 'US',
  timezone: 'America/New_York',
  ...extra,
});

async function capture(body: unknown): Promise<string> {
  const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await runtime.settle();
  return ((await response.json()) as { leadId: string }).leadId;
}

const advance = (duration: string) => fetch(`${runtime.apiUrl}/_local/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) });
const tag = (message: SentMessage, name: string) => message.tags.find((t) => t.name === name)?.value;
const tipsTo = (leadId: string) => runtime.ses.sent().filter((m) => tag(m, 'leadId') === leadId && tag(m, 'sequence'));
const header = (message: SentMessage, name: string) => message.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
const leadItem = async (leadId: string) => (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).find((i) => i.entity === 'lead' && i.leadId === leadId);

describe('a warm lead in the nurture sequence', () => {
  it('receives the whole warm track in order, inside its local send window, then continues on the long-term track', async () => {
    const leadId = await capture(warmLead('ravi@northwind-traders.com'));

    await advance('P200D');

    // Every warm step whose conditions hold for Ravi (who named no interest), in file order.
    const ravi = { lead: { firstName: 'Ravi', company: 'Northwind Traders', country: 'US', temperature: 'warm' } };
    const expected = nurtureSteps('warm').filter((step) => conditionsHold(step.templateId, ravi));
    const sent = tipsTo(leadId);
    const warmSent = sent.filter((m) => tag(m, 'sequence') === 'warm');
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(warmSent.map((m) => tag(m, 'template'))).toEqual(expected.map((step) => step.templateId.replaceAll('/', '.')));
    expect(sent.some((m) => tag(m, 'sequence') === 'long-term')).toBe(true);
    for (const message of sent) {
      const local = wallTime(new Date(message.sentAt), 'America/New_York');
      expect(local.weekday, message.sentAt).toBeLessThanOrEqual(5);
      expect(local.hour, message.sentAt).toBeGreaterThanOrEqual(9);
      expect(local.hour, message.sentAt).toBeLessThan(17);
    }
    const times = sent.map((m) => Date.parse(m.sentAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(runtime.deadLetters.entries).toEqual([]);
  }, 60_000);

  it('carries RFC 8058 one-click unsubscribe headers and the postal address, and stops at once after a one-click unsubscribe', async () => {
    const leadId = await capture(warmLead('stop.soon@northwind-traders.com'));
    // The first tip is due a day later, in the next weekday send window.
    await advance('P4D');
    const [first] = tipsTo(leadId);

    expect(header(first!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = /<(https?:[^>]+)>/.exec(header(first!, 'List-Unsubscribe') ?? '')![1]!;
    const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ messageId: string; body: { html: string; text: string } }> };
    const raw = emails.find((e) => e.messageId === first!.messageId)!;
    expect(raw.body.html).toContain('1 Example Street, 10115 Berlin, Germany');
    expect(raw.body.text).toContain(url);

    // A mail client's one-click POST: no confirmation page in between.
    const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(answer.status).toBe(200);
    await advance('P60D');

    expect(tipsTo(leadId)).toHaveLength(1);
    expect(await leadItem(leadId)).toMatchObject({ marketing: { unsubscribedAt: expect.any(String) }, nurture: { status: 'exited', exitReason: 'unsubscribed' } });
  }, 60_000);

  it('asks leads from double opt-in countries to confirm before the first tip', async () => {
    const leadId = await capture(warmLead('jonas@nordwind-handel.de', { country: 'DE', timezone: 'Europe/Berlin' }));
    await advance('P3D');
    const confirmation = runtime.ses.sent().filter((m) => tag(m, 'leadId') === leadId);
    expect(confirmation.map((m) => tag(m, 'template'))).toEqual(['subscription-confirm']);
    expect(tipsTo(leadId)).toEqual([]);

    const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ messageId: string; body: { text: string } }> };
    const confirmUrl = /(https?:\/\/\S+\/email\/confirm\/[^\s)]+)/.exec(emails.find((e) => e.messageId === confirmation[0]!.messageId)!.body.text)![1]!;
    expect((await fetch(confirmUrl)).status).toBe(200);
    expect(tipsTo(leadId)).toEqual([]);
    await fetch(confirmUrl, { method: 'POST' });
    await advance('P3D');

    expect(tipsTo(leadId).length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('sends one email when the same step is delivered twice', async () => {
    const leadId = await capture(warmLead('twice@northwind-traders.com'));
    const pending = runtime.scheduler.pending().find((s) => (s.input as { leadId: string }).leadId === leadId)!;
    const { handler } = (await import('../../functions/nurture/handlers/nurture-step.ts')) as { handler: (event: unknown, context: Context) => Promise<void> };
    runtime.clock.moveTo(new Date(pending.dueAt));

    const context = { functionName: 'stoke-nurture-step', awsRequestId: 'dup', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
    await Promise.all([handler(pending.input, context), handler(pending.input, context)]);

    expect(tipsTo(leadId)).toHaveLength(1);
  }, 60_000);

  it('stops nurturing a lead that turns hot: sales has it', async () => {
    const leadId = await capture(warmLead('heats.up@northwind-traders.com'));
    await advance('P2D');
    const before = tipsTo(leadId).length;

    await capture(warmLead('heats.up@northwind-traders.com', { authority: 'decision-maker', budget: '50k-250k', timeline: 'now' }));
    await advance('P60D');

    expect(tipsTo(leadId)).toHaveLength(before);
    expect(await leadItem(leadId)).toMatchObject({ status: 'assigned', nurture: { status: 'exited', exitReason: 'handed-off' } });
  }, 60_000);
});
