import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ses from 'aws-cdk-lib/aws-ses';
import { type BusinessMetric, businessMetrics, businessMetricSpace } from '../../functions/platform/business-metrics.ts';

// The metrics the alarms and the dashboard both read (operations.ts, operations-dashboard.ts), built in one place.

// Without labels: an alarm on a labelled metric is written as a metric query. The dashboard adds them.

/** A business metric the functions publish (functions/platform/business-metrics.ts). */
export function businessMetric(metric: BusinessMetric, options: { statistic: string; period: Duration }): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: businessMetricSpace.namespace, metricName: businessMetrics[metric].name, dimensionsMap: { ...businessMetricSpace.dimensions }, ...options });
}

/**
 * SES's reputation of one configuration set, as a rate from 0 to 1: published
 * because the sets enable reputation metrics, under the dimension SES names
 * `ses:configuration-set` (SES developer guide, "Automatically pausing email
 * sending for a configuration set"). SES publishes nothing until a set has
 * had a bounce or a complaint.
 */
export function reputationMetric(set: ses.IConfigurationSet, rate: 'BounceRate' | 'ComplaintRate'): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/SES',
    metricName: `Reputation.${rate}`,
    dimensionsMap: { 'ses:configuration-set': set.configurationSetName },
    statistic: 'Maximum',
    period: Duration.hours(1),
  });
}

// The operations Stoke's adapters call (functions/**/dynamodb-*.ts): DynamoDB counts throttled requests per
// operation only, and an alarm's expression may hold at most ten metrics, so these eight, not all fourteen.
const tableOperations = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems'] as const;

/**
 * Requests DynamoDB throttled on the table and its indexes, all operations
 * together. Each operation's count is filled with 0 where it has none: in a
 * sum, one operation without data would leave the whole period without data.
 */
export function tableThrottledRequests(table: dynamodb.ITable, period: Duration): cloudwatch.MathExpression {
  const usingMetrics = Object.fromEntries(
    tableOperations.map((operation) => [
      operation.toLowerCase(),
      new cloudwatch.Metric({ namespace: 'AWS/DynamoDB', metricName: 'ThrottledRequests', dimensionsMap: { TableName: table.tableName, Operation: operation }, statistic: 'Sum', period }),
    ]),
  );
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
    usingMetrics,
    label: 'Throttled requests',
    period,
  });
}
