import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbRepStore } from '../../functions/reps/dynamodb-rep-store.ts';
import { Rep } from '../../functions/routing/rep.ts';
import seed from './seed-reps.json' with { type: 'json' };

/** A sample sales team, so that a hot lead has someone to go to on a fresh machine. Existing reps are left as they are. */
export async function seedReps(client: DynamoDBClient, tableName: string): Promise<void> {
  const store = dynamoDbRepStore(client, tableName);
  for (const rep of seed) await store.create(Rep.parse(rep), 0);
}
