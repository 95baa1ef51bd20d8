import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type BusinessMetric, businessMetrics, businessMetricSpace } from './business-metrics.ts';
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


// Stoke's service dimension, not the function's (business-metrics.ts); each metric goes out on a single-metric instance of it.
const businessMetricsBase = new Metrics({ namespace: businessMetricSpace.namespace, serviceName: businessMetricSpace.dimensions.service });

/**
 * Publishes one business metric (business-metrics.ts) at once, on a line of
 * its own: apart from the invocation's metrics and their dimensions, and
 * whether or not the invocation later fails, since what it counts has
 * happened. Each line reads POWERTOOLS_METRICS_DISABLED afresh.
 */
export function publishBusinessMetric(metric: BusinessMetric, value: number): void {
  const { name, unit } = businessMetrics[metric];
  businessMetricsBase.singleMetric().addMetric(name, unit === 'Count' ? MetricUnit.Count : MetricUnit.NoUnit, value);
}
