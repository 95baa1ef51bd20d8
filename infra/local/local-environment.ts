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
  tableName: string;
}): Record<string, string> {
  const settings: Record<string, string> = {
    ALLOWED_ORIGINS: new URL(peers.apiUrl).origin,
    REDIRECT_HOSTS: 'localhost',
    CONSENT_TEXT_VERSION: '2026-11-01',
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
    TABLE_NAME: peers.tableName,
    EVENT_BUS_NAME: 'stoke',
  };
}
