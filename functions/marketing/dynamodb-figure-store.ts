import {
  type DynamoDBClient,
  paginateQuery,
  type TransactWriteItem,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { backoff } from '../platform/backoff.ts';
import { publishBusinessMetric } from '../platform/observability.ts';
import { ConcurrentUpdateError, DependencyUnavailableError } from '../platform/errors.ts';
import { keys } from '../storage/table.ts';
import { withFigureMetrics } from './figure-metrics.ts';
import { type DayFigures, type FigureStore, type Tally, tallyWrites } from './figure-store.ts';

// Long enough to outlive every redelivery AWS makes (EventBridge retries for 24 h, Scheduler for up to 24 h).
const countedDays = 30;
// A sample explains a recent figure; older ones are not worth their storage.
const sampleDays = 90;
// Every tally of a busy hour adds to the same few counter items, so transactions on them collide
// often; with backoff, ten tries outlast a burst.
const attempts = 10;
// Counters are top-level attributes; the prefix keeps a count named PK, SK or entity from overwriting the item's own.
const countPrefix = 'c:';
// A long period asks for many days; more queries at once would only queue in the SDK's connection pool.
const dayQueries = 8;

/**
 * FigureStore on Stoke's single DynamoDB table; key design in storage/table.ts.
 * What it counts is also published as business metrics (figure-metrics.ts):
 * here, where every function that counts builds its store, so no function's
 * counts can be missing from CloudWatch.
 */
export function dynamoDbFigureStore(client: DynamoDBClient, tableName: string, now: () => Date): FigureStore {
  /** The tally as one transaction: the counted key first, so its cancellation reason is the first one. */
  function transaction(tally: Tally): TransactWriteItem[] {
    const { adds, samples } = tallyWrites(tally);
    const at = now();
    const epoch = Math.floor(at.getTime() / 1000);
    return [
      {
        Put: {
          TableName: tableName,
          Item: marshall({ ...keys.counted(tally.key), entity: 'counted', at: at.toISOString(), expiresAt: epoch + countedDays * 86_400 }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...adds.map(({ day, item, counts }): TransactWriteItem => {
        // Count names hold ':', '#', '-' and '.', none of them allowed in an expression: each gets a placeholder.
        const names = Object.keys(counts);
        const additions = names.map((_, index) => `#c${index} :c${index}`);
        return {
          Update: {
            TableName: tableName,
            Key: marshall(keys.figures(day, item)),
            UpdateExpression: `SET entity = :entity${additions.length > 0 ? ` ADD ${additions.join(', ')}` : ''}`,
            // DynamoDB refuses an empty map of names.
            ...(names.length > 0 ? { ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#c${index}`, `${countPrefix}${name}`])) } : {}),
            ExpressionAttributeValues: marshall({ ':entity': 'figures', ...Object.fromEntries(names.map((name, index) => [`:c${index}`, counts[name]])) }),
          },
        };
      }),
      ...samples.map(({ day, item, sample }): TransactWriteItem => ({
        Put: { TableName: tableName, Item: marshall({ ...keys.figures(day, item), entity: 'figure-sample', sample, expiresAt: epoch + sampleDays * 86_400 }) },
      })),
    ];
  }

  async function figuresOf(day: string): Promise<DayFigures> {
    const figures: DayFigures = { day, counts: {}, samples: {} };
    // Eventually consistent, at half the cost: a figure read a second late is still the right figure for a report.
    const pages = paginateQuery(
      { client },
      { TableName: tableName, KeyConditionExpression: 'PK = :day', ExpressionAttributeValues: marshall({ ':day': keys.figuresPartition(day) }) },
    );
    for await (const page of pages) {
      for (const { SK, entity, sample, ...attributes } of (page.Items ?? []).map((item) => unmarshall(item))) {
        if (entity === 'figures') {
          figures.counts[SK] = Object.fromEntries(
            Object.entries(attributes).flatMap(([name, count]) => (name.startsWith(countPrefix) ? [[name.slice(countPrefix.length), count as number]] : [])),
          );
        } else if (entity === 'figure-sample') {
          figures.samples[SK] = sample;
        }
      }
    }
    return figures;
  }

  return withFigureMetrics({
    async record(tally) {
      const items = transaction(tally);
      for (let attempt = 1; ; attempt++) {
        try {
          await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
          return 'counted';
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
          if (codes[0] === 'ConditionalCheckFailed') return 'already counted';
          const throttled = codes.includes('ThrottlingError');
          if (!throttled && !codes.includes('TransactionConflict')) throw error;
          if (attempt === attempts) throw throttled ? new DependencyUnavailableError('DynamoDB', error) : new ConcurrentUpdateError('The figures');
          await backoff(attempt);
        }
      }
    },
    days: (days) => inOrder(days, dayQueries, figuresOf),
  }, publishBusinessMetric);
}

/** Maps every value, at most `limit` at a time, answering in the order of the values. */
async function inOrder<Value, Result>(values: readonly Value[], limit: number, map: (value: Value) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = new Array(values.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < values.length; index = next++) results[index] = await map(values[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
  return results;
}
