import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Every alarm of the stack is named `stoke-…`: the topic takes notifications from these alone. */
export const alarmNamePrefix = 'stoke-';

export type AlarmTopicProps = {
  /** Addresses emailed every alarm; SNS first asks each to confirm its subscription. */
  readonly emails: readonly string[];
};

/**
 * The SNS topic Stoke's alarms notify, encrypted with a key of its own and
 * taking messages over TLS only. The key is customer-managed because
 * CloudWatch encrypts an alarm's notification with the topic's key itself:
 * the AWS-managed aws/sns key cannot grant it that, and every notification
 * would be dropped, the alarm still showing ALARM in the console.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);

    const key = new kms.Key(this, 'Key', {
      description: "Encrypts the notifications of Stoke's alarms",
      enableKeyRotation: true,
      // It protects notifications in flight only: nothing kept depends on it once the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToEncryptNotifications',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // A key policy speaks for its own key only.
        resources: ['*'],
        // IfExists: CloudWatch does not always send the source account to KMS, and a strict match would deny it silently.
        conditions: { StringEqualsIfExists: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', { topicName: 'stoke-alarms', displayName: 'Stoke alarms', masterKey: key, enforceSSL: true });
    // The TLS-only statement gives the topic a policy of its own, which replaces the default one: CloudWatch must be let in by name.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowStokeAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${alarmNamePrefix}*` } },
      }),
    );
    for (const email of props.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }
}
