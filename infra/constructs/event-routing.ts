import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName } from '../wiring/functions.ts';
import { eventRules } from '../wiring/rules.ts';
import type { LeadData } from './lead-data.ts';
import type { StokeFunction } from './stoke-function.ts';

export type EventRoutingProps = {
  /** Holds Stoke's bus. */
  readonly data: LeadData;
  /** The functions rules may target, by name. */
  readonly functions: Partial<Record<FunctionName, StokeFunction>>;
  /**
   * Keeps the events EventBridge could not hand to a function target within
   * its retries (throttled, function missing), where they can be redriven;
   * without it they are dropped.
   */
  readonly deadLetters: sqs.IQueue;
};

/** Declares every rule of `infra/wiring/rules.ts`, the same rules the local bus matches. */
export class EventRouting extends Construct {
  readonly eventLog: logs.LogGroup;

  constructor(scope: Construct, id: string, props: EventRoutingProps) {
    super(scope, id);

    // EventBridge writes only to log groups under /aws/events/.
    this.eventLog = new logs.LogGroup(this, 'EventLog', {
      logGroupName: '/aws/events/stoke',
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A plain resource policy: CDK's CloudWatchLogGroup target would install it
    // through a custom-resource Lambda, a second runtime to patch for one API call.
    new logs.ResourcePolicy(this, 'EventLogPolicy', {
      policyStatements: [
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('events.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.eventLog.logGroupArn],
        }),
      ],
    });
    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');

    for (const rule of eventRules) {
      new events.Rule(this, rule.name, {
        ruleName: `stoke-${rule.name}`,
        description: rule.description,
        eventBus: rule.bus === 'stoke' ? props.data.bus : defaultBus,
        eventPattern: rule.pattern,
        targets: [this.targetOf(rule.target, props)],
      });
    }
  }

  private targetOf(target: (typeof eventRules)[number]['target'], { functions, deadLetters }: EventRoutingProps): events.IRuleTarget {
    if (target.type === 'log') {
      const arn = Stack.of(this).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: this.eventLog.logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      return { bind: () => ({ arn }) };
    }
    const fn = functions[target.name];
    if (!fn) throw new Error(`A rule targets the function "${target.name}", which the stack does not build`);
    return new targets.LambdaFunction(fn.function, { maxEventAge: Duration.hours(24), retryAttempts: 185, deadLetterQueue: deadLetters });
  }
}
