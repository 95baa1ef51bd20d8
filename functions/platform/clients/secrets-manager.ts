import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { countCalls } from '../call-counter.ts';

// Once per process; AWS_ENDPOINT_URL_SECRETS_MANAGER points it at the local runtime.
export const secretsManager = countCalls(new SecretsManagerClient({}));
