import { type FunctionName, lambdaFunctions, settingsRead } from '../wiring/functions.ts';
import { functionArnSetting, type SettingName, settingSchemas } from '../wiring/settings.ts';
import * as z from '../../functions/platform/zod.ts';

const localAccount = '000000000000';
export const localSecretArns = {
  signing: `arn:aws:secretsmanager:us-east-1:${localAccount}:secret:stoke-signing-key`,
  webhook: `arn:aws:secretsmanager:us-east-1:${localAccount}:secret:stoke-webhook-key`,
};
/** The id of the local runtime's stand-in for the sales desk's user pool. */
export const localUserPoolId = 'us-east-1_stokelocal';

export type LocalPeers = {
  apiUrl: string;
  dynamodbEndpoint: string;
  eventBridgeEndpoint: string;
  schedulerEndpoint: string;
  sesEndpoint: string;
  secretsEndpoint: string;
  userPoolEndpoint: string;
  tableName: string;
};

// Settings a person may choose for the local runtime: the shell's value wins over these.
const chosenSettings = [
  'ALLOWED_ORIGINS',
  'REDIRECT_HOSTS',
  'CONSENT_TEXT_VERSION',
  'SPAM_RETENTION_DAYS',
  'SENDER_ADDRESS',
  'COMPANY_NAME',
  'COMPANY_POSTAL_ADDRESS',
  'HANDOFF_WEBHOOK_URL',
  'REVIEW_TIME_ZONE',
  'UNSUBSCRIBE_MAILTO',
] as const satisfies SettingName[];

/**
 * The local value of every setting a function may be declared to read
 * (infra/wiring/settings.ts): a setting added there needs a value here.
 */
export function localSettings(peers: LocalPeers): Record<SettingName, string> {
  const values: Record<SettingName, string> = {
    ALLOWED_ORIGINS: new URL(peers.apiUrl).origin,
    REDIRECT_HOSTS: 'localhost',
    CONSENT_TEXT_VERSION: declaredDefault('CONSENT_TEXT_VERSION'),
    SPAM_RETENTION_DAYS: declaredDefault('SPAM_RETENTION_DAYS'),
    SENDER_ADDRESS: 'stoke@stoke.example',
    COMPANY_NAME: 'Stoke Demo Ltd',
    COMPANY_POSTAL_ADDRESS: '1 Example Street, 10115 Berlin, Germany',
    // Off until set: a chat or CRM endpoint that receives every handoff.
    HANDOFF_WEBHOOK_URL: '',
    // Where "Monday morning" is for the weekly lead review.
    REVIEW_TIME_ZONE: declaredDefault('REVIEW_TIME_ZONE'),
    // Off until set: an address that also unsubscribes (offered in List-Unsubscribe beside the one-click link).
    UNSUBSCRIBE_MAILTO: '',
    TABLE_NAME: peers.tableName,
    EVENT_BUS_NAME: 'stoke',
    SIGNING_SECRET_ARN: localSecretArns.signing,
    WEBHOOK_SECRET_ARN: localSecretArns.webhook,
    PUBLIC_API_URL: peers.apiUrl,
    DESK_URL: `${peers.apiUrl}/desk/`,
    SCHEDULE_GROUP: 'stoke',
    SCHEDULER_ROLE_ARN: `arn:aws:iam::${localAccount}:role/stoke-scheduler`,
    SCHEDULER_DEAD_LETTER_ARN: `arn:aws:sqs:us-east-1:${localAccount}:stoke-schedule-dead-letters`,
    FIRST_CONTACT_DEADLINE_FUNCTION_ARN: localFunctionArn('first-contact-deadline'),
    NURTURE_STEP_FUNCTION_ARN: localFunctionArn('nurture-step'),
    MORNING_LIST_FUNCTION_ARN: localFunctionArn('morning-list'),
    USER_POOL_ID: localUserPoolId,
  };
  for (const name of chosenSettings) values[name] = process.env[name] ?? values[name];
  return values;
}

/** The local stand-in of the AWS environment every function runs in: region, credentials and the peers' endpoints. */
function localAws(peers: LocalPeers): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME ?? 'stoke',
    POWERTOOLS_METRICS_NAMESPACE: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Stoke',
    // Embedded-format metrics only mean something to CloudWatch.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: peers.dynamodbEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: peers.eventBridgeEndpoint,
    AWS_ENDPOINT_URL_SCHEDULER: peers.schedulerEndpoint,
    AWS_ENDPOINT_URL_SESV2: peers.sesEndpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: peers.secretsEndpoint,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: peers.userPoolEndpoint,
  };
}

/** One function's environment, as the deployed stack gives it: exactly the settings its declaration names, with local values. */
export function localFunctionEnvironment(name: FunctionName, peers: LocalPeers): Record<string, string> {
  const values = localSettings(peers);
  return { ...localAws(peers), ...Object.fromEntries(settingsRead(name).map((setting) => [setting, values[setting]])) };
}

/**
 * The environment of the local runtime, which runs every function in one
 * process: every setting any function reads, with local values. SDK clients
 * find the local peers through the AWS_ENDPOINT_URL_* variables. Settings
 * already in the environment (from the shell) win over the defaults; the
 * peers' endpoints are always the ones this runtime started.
 */
export function localEnvironment(peers: LocalPeers): Record<string, string> {
  return {
    ...localAws(peers),
    ...localSettings(peers),
    // Each function's ARN, as schedules name their targets; the local scheduler maps them back.
    ...Object.fromEntries(Object.keys(lambdaFunctions).map((name) => [functionArnSetting(name), localFunctionArn(name)])),
  };
}

/** A setting's default as infra/wiring/settings.ts declares it, the value the stack deploys when none is configured. */
function declaredDefault(name: SettingName): string {
  return String(z.parse(settingSchemas[name], undefined));
}

function localFunctionArn(name: string): string {
  return `arn:aws:lambda:us-east-1:${localAccount}:function:stoke-${name}`;
}
