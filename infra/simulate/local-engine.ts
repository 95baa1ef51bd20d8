import { type AttributeValue, DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import { keys } from '../../functions/storage/table.ts';
import { startLocalRuntime } from '../local/runtime.ts';
import type { Engine } from './engine.ts';

/** Stoke on the local runtime: real HTTP, DynamoDB Local, the local bus, scheduler and SES emulator; every SDK call counted. */
export async function startLocalEngine(options: { startAt: Date; seed: number; dynamodbEndpoint?: string | undefined }): Promise<Engine> {
  const runtime = await startLocalRuntime({
    apiPort: 0,
    sesPort: 0,
    tickMs: 0,
    dynamodb: options.dynamodbEndpoint ? { endpoint: options.dynamodbEndpoint } : { port: 0 },
    tableName: `simulation-${options.seed}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
    startAt: options.startAt,
    // Time moves only when the simulator advances it: the same seed gives the same times.
    timeScale: 1e-9,
  });
  const client = new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${runtime.apiUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.text() };
  };
  return {
    name: 'dynamodb',
    now: () => runtime.clock.now(),
    async request(method, path, init) {
      const response = await fetch(`${runtime.apiUrl}${path}`, {
        method,
        headers: { 'Content-Type': init.contentType ?? 'application/json', ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
        ...(init.body === undefined ? {} : { body: init.body }),
      });
      const answer = { status: response.status, body: await response.text() };
      await runtime.settle();
      return answer;
    },
    advance: async (milliseconds) => void (await runtime.advance(milliseconds)),
    settle: () => runtime.settle(),
    sent: () => runtime.ses.sent(),
    async sesEvent(message, request) {
      const answer = await post('/_local/ses-events', { ...request, messageId: message.messageId });
      if (answer.status !== 202) throw new Error(`Simulation: publishing an SES ${request.type} event answered ${answer.status}: ${answer.body}`);
    },
    scheduledInvocations: () => runtime.scheduler.invocations(),
    deadLetters: () => runtime.deadLetters.entries.length,
    leads: dynamoDbLeadStore(client, runtime.tableName),
    async figurePartition(day) {
      // This client carries no call counter: the simulator's own reads cost Stoke nothing.
      const items: Array<Record<string, AttributeValue>> = [];
      const pages = paginateQuery({ client }, { TableName: runtime.tableName, KeyConditionExpression: 'PK = :day', ExpressionAttributeValues: { ':day': { S: keys.figuresPartition(day) } } });
      for await (const page of pages) items.push(...(page.Items ?? []));
      return items;
    },
    countsCalls: true,
    async stop() {
      client.destroy();
      await runtime.stop();
    },
  };
}
