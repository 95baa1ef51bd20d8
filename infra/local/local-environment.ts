import { lambdaFunctions } from '../wiring/functions.ts';

const localAccount = '000000000000';
export const localSecretArns = {
  signing: `arn:aws:secretsmanager:us-east-1:${localAccount}:secret:stoke-signing-key`,
  webhook: `arn:aws:secretsmanager:us-east-1:${localAccount}:secret:stoke-webhook-key`,
};

/**
 * The environment the deployed stack gives each function, with local values:
 * SDK clients find the local peers through the AWS_ENDPOINT_URL_* variables.
 * Settings already in the environment (from the shell) win over the defaults;
 * the peers' endpoints are always the ones this runtime started.
 */
export function localEnvironment(peers: {
  apiUrl: string;
  dynamodbEndpoint: string;
  eventBridgeEndpoint: string;
  schedulerEndpoint: string;
  sesEndpoint: string;
  secretsEndpoint: string;
  tableName: string;
}): Record<string, string> {
  const settings: Record<string, string> = {
    ALLOWED_ORIGINS: new URL(peers.apiUrl).origin,
    REDIRECT_HOSTS: 'localhost',
    CONSENT_TEXT_VERSION: '2026-11-01',
    SENDER_ADDRESS: 'stoke@stoke.example',
    COMPANY_NAME: 'Stoke Demo Ltd',
    COMPANY_POSTAL_ADDRESS: '1 Example Street, 10115 Berlin, Germany',
    // Off until set: a chat or CRM endpoint that receives every handoff.
    HANDOFF_WEBHOOK_URL: '',
    // Where "Monday morning" is for the weekly lead review.
    REVIEW_TIME_ZONE: 'Europe/Berlin',
    // Off until set: an address that also unsubscribes (offered in List-Unsubscribe beside the one-click link).
    UNSUBSCRIBE_MAILTO: '',
    POWERTOOLS_SERVICE_NAME: 'stoke',
    POWERTOOLS_METRICS_NAMESPACE: 'Stoke',
    // Embedded-format metrics only mean something to CloudWatch.
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  return {
    ...Object.fromEntries(Object.entries(settings).map(([name, value]) => [name, process.env[name] ?? value])),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: peers.dynamodbEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: peers.eventBridgeEndpoint,
    AWS_ENDPOINT_URL_SCHEDULER: peers.schedulerEndpoint,
    AWS_ENDPOINT_URL_SESV2: peers.sesEndpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: peers.secretsEndpoint,
    TABLE_NAME: peers.tableName,
    EVENT_BUS_NAME: 'stoke',
    SES_CONFIGURATION_SET: 'stoke',
    SIGNING_SECRET_ARN: localSecretArns.signing,
    WEBHOOK_SECRET_ARN: localSecretArns.webhook,
    PUBLIC_API_URL: peers.apiUrl,
    SCHEDULE_GROUP: 'stoke',
    SCHEDULER_ROLE_ARN: `arn:aws:iam::${localAccount}:role/stoke-scheduler`,
    SCHEDULER_DEAD_LETTER_ARN: `arn:aws:sqs:us-east-1:${localAccount}:stoke-schedule-dead-letters`,
    // Each function's ARN, as schedules name their targets; the local scheduler maps them back.
    ...Object.fromEntries(
      Object.keys(lambdaFunctions).map((name) => [
        `${name.toUpperCase().replaceAll('-', '_')}_FUNCTION_ARN`,
        `arn:aws:lambda:us-east-1:${localAccount}:function:stoke-${name}`,
      ]),
    ),
  };
}
