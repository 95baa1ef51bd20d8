import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

type Delivery = { headers: Record<string, string | string[] | undefined>; body: string };

let runtime: LocalRuntime;
let receiver: Server;
const deliveries: Delivery[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  // The team's chat or CRM: answers 500 while told to fail, then 204.
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(failuresLeft-- > 0 ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  process.env.HANDOFF_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/stoke`;
  runtime = await startTestRuntime('webhook');
});
afterAll(async () => {
  await runtime?.stop();
  receiver?.close();
});

describe('the handoff webhook', () => {
  it('posts a signed JSON handoff document, retrying until the receiver accepts it', async () => {
    failuresLeft = 1;

    const response = await fetch(`${runtime.apiUrl}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'cto@hooked-industries.com', firstName: 'Ada', authority: 'decision-maker', budget: '250k-plus', timeline: 'now', country: 'US' }),
    });
    const { leadId } = (await response.json()) as { leadId: string };
    await runtime.settle();

    expect(deliveries).toHaveLength(2);
    const [failed, accepted] = deliveries as [Delivery, Delivery];
    expect(accepted.headers['x-stoke-delivery']).toBe(failed.headers['x-stoke-delivery']);
    const signature = createHmac('sha256', Buffer.from(runtime.webhookSecret)).update(accepted.body).digest('hex');
    expect(accepted.headers['x-stoke-signature']).toBe(`sha256=${signature}`);
    expect(JSON.parse(accepted.body)).toMatchObject({
      type: 'lead.handed-off',
      lead: { leadId, name: 'Ada', email: 'cto@hooked-industries.com', temperature: 'hot' },
      owner: { type: 'rep', repId: 'james-carter' },
    });
    expect(runtime.deadLetters.entries).toEqual([]);
  });
});
