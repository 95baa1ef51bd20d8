import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClient } from './aws-client.ts';

// Once per process; AWS_ENDPOINT_URL_SECRETS_MANAGER points it at the local runtime.
export const secretsManager = awsClient(new SecretsManagerClient({}));
