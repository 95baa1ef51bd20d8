import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

// One emulator for the whole run: a JVM start costs about 2 s, a table per test almost nothing.
export default async function setup(project: TestProject) {
  const dynamodb = await startDynamoDbLocal({});
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}
