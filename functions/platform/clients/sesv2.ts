import { SESv2Client } from '@aws-sdk/client-sesv2';
import { awsClient } from './aws-client.ts';

// Once per process; AWS_ENDPOINT_URL_SESV2 points it at the local SES.
export const sesv2 = awsClient(new SESv2Client({}));
