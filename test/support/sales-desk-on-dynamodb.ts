import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { inject } from 'vitest';
import { createTable } from '../../infra/local/dynamodb-local.ts';

const context = { functionName: 'sales-desk', awsRequestId: 'r1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

/**
 * The sales desk handler module as Lambda loads it, on a table of its own in
 * the run's DynamoDB Local: the settings it reads at import, the table made
 * first. `invoke` calls it with a Lambda context; `client` reaches the table.
 */
export async function salesDeskOnDynamoDbLocal(tableName: string): Promise<{ client: DynamoDBClient; invoke(event: unknown): Promise<APIGatewayProxyResult> }> {
  const endpoint = inject('dynamodbEndpoint');
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    EVENT_BUS_NAME: 'stoke',
    SCHEDULE_GROUP: 'stoke',
    SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:unused',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  });
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await createTable(client, tableName);
  const { handler } = (await import('../../functions/sales/handlers/sales-desk.ts')) as unknown as { handler: (event: unknown, context: Context) => Promise<APIGatewayProxyResult> };
  return { client, invoke: (event) => handler(event, context) };
}
