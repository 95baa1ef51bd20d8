import { inject } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';

/**
 * The local runtime as tests use it: free ports, its own table in the run's
 * DynamoDB Local, schedules fired only when the clock is advanced, and a
 * fixed start so that weekdays and send windows are the same on every run.
 */
export function startTestRuntime(name: string, startAt?: Date): Promise<LocalRuntime> {
  return startLocalRuntime({
    apiPort: 0,
    sesPort: 0,
    tickMs: 0,
    dynamodb: { endpoint: inject('dynamodbEndpoint') },
    tableName: `${name}-${crypto.randomUUID()}`,
    ...(startAt ? { startAt } : {}),
  });
}
