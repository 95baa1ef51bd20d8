import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, type SchedulerClient } from '@aws-sdk/client-scheduler';
import type { FunctionName } from '../../infra/wiring/functions.ts';
import type { OneTimeSchedules } from './one-time-schedules.ts';

export type SchedulerSettings = {
  group: string;
  /** What creating needs; a function that only cancels goes without. */
  create?: {
    roleArn: string;
    deadLetterArn: string;
    /** ARN of each function a schedule may invoke. */
    targets: Partial<Record<FunctionName, string>>;
  };
};

export function eventBridgeSchedules(client: SchedulerClient, settings: SchedulerSettings): OneTimeSchedules {
  return {
    async scheduleOnce({ name, at, target, input }) {
      const arn = settings.create?.targets[target];
      if (!settings.create || !arn) throw new Error(`No ARN configured for schedule target ${target}`);
      try {
        await client.send(
          new CreateScheduleCommand({
            Name: name,
            GroupName: settings.group,
            ScheduleExpression: `at(${at.toISOString().slice(0, 19)})`,
            ScheduleExpressionTimezone: 'UTC',
            FlexibleTimeWindow: { Mode: 'OFF' },
            ActionAfterCompletion: 'DELETE',
            Target: {
              Arn: arn,
              RoleArn: settings.create.roleArn,
              Input: JSON.stringify(input),
              RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
              DeadLetterConfig: { Arn: settings.create.deadLetterArn },
            },
          }),
        );
        return 'created';
      } catch (error) {
        if (error instanceof ConflictException) return 'exists';
        throw error;
      }
    },

    async cancel(name) {
      try {
        await client.send(new DeleteScheduleCommand({ Name: name, GroupName: settings.group }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
  };
}
