import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Structured JSON logs. Log lead ids, never email addresses or form
 * contents: the log is read by more people than the lead table.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'stoke' });

/** Business metrics in CloudWatch's embedded metric format. */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Stoke',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'stoke',
});
