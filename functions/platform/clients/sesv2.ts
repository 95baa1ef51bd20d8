import { SESv2Client } from '@aws-sdk/client-sesv2';

// Once per process; AWS_ENDPOINT_URL_SESV2 points it at the local SES.
export const sesv2 = new SESv2Client({});
