import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableDefinition } from '../../functions/storage/table.ts';
import type { BoundFunction } from './bound-function.ts';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * Stoke's state: the single lead table and the event bus every capability
 * publishes to. The table outlives the stack, so a redeploy never loses a lead.
 */
export class LeadData extends Construct {
  readonly table: dynamodb.Table;
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType[index.projection],
      });
    }

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: 'stoke' });
    // Lets a consumer added later, or fixed after a bug, replay what it missed.
    this.bus.archive('Archive', {
      description: 'Every event published on the stoke bus, for replay',
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(30),
    });
  }

  /** Lets a function query the items of one partition of the table (a lead's history or email signals), not the indexes. */
  bindPartitionReader(fn: BoundFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [this.table.tableArn] }));
  }

  /** Lets a function read single items only. */
  bindItemReader(fn: BoundFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [this.table.tableArn] }));
  }

  /**
   * Lets a function read, create and update single items, alone or in a
   * transaction (TransactWriteItems is authorized per item action), and tells
   * it the table name in `TABLE_NAME`. No scans, queries or deletes.
   */
  bindItemWriter(fn: BoundFunction): void {
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
      }),
    );
  }

  /**
   * Lets a function delete single items, and tells it the table name in
   * `TABLE_NAME`: a claim on once-only work is released by deleting it when
   * the work fails, so a retry can claim it again.
   */
  bindItemDeleter(fn: BoundFunction): void {
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:DeleteItem'], resources: [this.table.tableArn] }),
    );
  }

  /**
   * Lets a function put whole items, never update one in place, and tells it
   * the table name in `TABLE_NAME`: for what is written once and then only
   * replaced or deleted, such as snapshots and claims.
   */
  bindItemPutter(fn: BoundFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [this.table.tableArn] }));
  }

  /**
   * Lets a function delete up to 25 items per call, and tells it the table
   * name in `TABLE_NAME`: erasing a person removes every item held about them.
   * IAM cannot tell the deletes of a BatchWriteItem from its puts, so bind it
   * only to a function that may put items anyway.
   */
  bindBatchDeleter(fn: BoundFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:BatchWriteItem'], resources: [this.table.tableArn] }));
  }

  /**
   * Lets a function query the secondary indexes of the key design (leads by
   * owner, the roster, leads by day), not the table itself, and tells it the
   * table name in `TABLE_NAME`.
   */
  bindIndexReader(fn: BoundFunction): void {
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: tableDefinition.indexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`),
      }),
    );
  }

  /**
   * Lets a function read up to 100 items by key per call, and tells it the table
   * name in `TABLE_NAME`: an index that holds keys only (leads by day) points to
   * items read this way.
   */
  bindBatchReader(fn: BoundFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:BatchGetItem'], resources: [this.table.tableArn] }));
  }

  /** Lets a function publish to Stoke's bus only, and tells it the bus name in `EVENT_BUS_NAME`. */
  bindPublisher(fn: BoundFunction): void {
    this.bus.grantPutEventsTo(fn.function);
  }
}
