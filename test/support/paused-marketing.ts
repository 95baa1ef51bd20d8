import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbBrakeStore } from '../../functions/sending/dynamodb-brake-store.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';

/**
 * Marketing paused by `bounces` permanent bounces in `sends` sends, as the
 * engagement function pauses it (test/e2e/sending-brake.test.ts drives it
 * there from SES's events), with a step of each of `waiting` leads held: for
 * pages and pictures of a paused brake, without a burst of bounces to set up.
 */
export async function pauseMarketing(runtime: LocalRuntime, { sends, bounces, waiting }: { sends: number; bounces: number; waiting: readonly string[] }): Promise<void> {
  const client = new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const brake = dynamoDbBrakeStore(client, runtime.tableName);
  const at = runtime.clock.now().toISOString();
  await brake.pause('marketing', {
    pause: true,
    because: 'bounces',
    sends,
    bounces: { count: bounces, rate: bounces / sends, threshold: 0.03 },
    complaints: { count: 0, rate: 0, threshold: 0.0008 },
    at,
    windowDays: 7,
    leads: { bounced: [], complained: [] },
    eventId: 'pictured',
  });
  for (const leadId of waiting) await brake.hold('marketing', { leadId, kind: 'step', seq: 2, at });
  client.destroy();
}
