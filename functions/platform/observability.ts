import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { clockTimeOf } from './clock.ts';

/** What a log line tells of the invocation it was written in. */
export type InvocationContext = NonNullable<UnformattedAttributes['lambdaContext']>;

let currentInvocation: () => InvocationContext | undefined = () => undefined;

/**
 * Names the invocation each log line belongs to where one process runs
 * several functions at once: the local runtime. Powertools keeps one Lambda
 * context per logger, which every invocation replaces, so there a line
 * written while another function's invocation had started carried that
 * function's name. On Lambda a process runs one invocation at a time and
 * nothing is installed.
 */
export function useInvocationContext(read: (() => InvocationContext | undefined) | undefined): void {
  currentInvocation = read ?? (() => undefined);
}

/**
 * Powertools' own log format (its PowertoolsLogFormatter, which the package
 * does not export) with two seams: the time is read through the handlers'
 * clock, and the context through useInvocationContext. With neither swapped
 * in, as on Lambda, every line is the one Powertools writes.
 */
class StokeLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additionalLogAttributes: LogAttributes): LogItem {
    const context = currentInvocation() ?? attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(clockTimeOf(attributes.timestamp)),
        service: attributes.serviceName,
        cold_start: context?.coldStart,
        function_arn: context?.invokedFunctionArn,
        function_memory_size: context?.memoryLimitInMB,
        function_name: context?.functionName,
        function_request_id: context?.awsRequestId,
        sampling_rate: attributes.sampleRateValue,
        xray_trace_id: attributes.xRayTraceId,
        tenant_id: context?.tenantId,
      },
    }).addAttributes(additionalLogAttributes);
  }
}

/**
 * Structured JSON logs. Log lead ids, never email addresses or form
 * contents: the log is read by more people than the lead table.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'stoke', logFormatter: new StokeLogFormatter() });

/** Business metrics in CloudWatch's embedded metric format. */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Stoke',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'stoke',
});
