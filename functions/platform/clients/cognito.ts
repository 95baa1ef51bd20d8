import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { awsClient } from './aws-client.ts';

// Once per process; AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER points it at the local runtime's user pool.
export const cognito = awsClient(new CognitoIdentityProviderClient({}));
