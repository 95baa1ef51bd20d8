import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Capture } from './constructs/capture.ts';
import { EventRouting } from './constructs/event-routing.ts';
import { LeadData } from './constructs/lead-data.ts';
import { PublicApi } from './constructs/public-api.ts';
import { routes } from './wiring/routes.ts';

/** Deployment settings, read from CDK context and validated in `app.ts`. */
export type StokeSettings = {
  /** Origins (`https://*.example.com` patterns allowed) whose scripts may post leads. */
  readonly allowedOrigins: readonly string[];
  /** Hosts a form may redirect people to after posting. */
  readonly redirectHosts: readonly string[];
  /** Consent wording version recorded for forms that do not send their own. */
  readonly consentTextVersion: string;
  /** Requests one IP address may send in 5 minutes. */
  readonly rateLimitPerIp: number;
  /** From address of Stoke's emails; used once an email capability exists. */
  readonly senderAddress?: string | undefined;
  /** SES identity (domain or address) that sends Stoke's emails; used once an email capability exists. */
  readonly sesIdentity?: string | undefined;
};

export type StokeStackProps = StackProps & {
  readonly settings: StokeSettings;
};

/** Stoke: stateful lead data first, then one construct per capability, then the API that exposes them. */
export class StokeStack extends Stack {
  constructor(scope: Construct, id: string, props: StokeStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const data = new LeadData(this, 'LeadData');
    const capture = new Capture(this, 'Capture', {
      data,
      allowedOrigins: settings.allowedOrigins,
      redirectHosts: settings.redirectHosts,
      consentTextVersion: settings.consentTextVersion,
    });
    new EventRouting(this, 'EventRouting', { data, functions: { capture: capture.function } });
    const publicApi = new PublicApi(this, 'PublicApi', {
      routes,
      functions: { capture: capture.function.function },
      rateLimitPerIp: settings.rateLimitPerIp,
      allowedOrigins: settings.allowedOrigins,
    });

    const captureRoute = routes.find((route) => route.function === 'capture' && route.method === 'POST');
    if (!captureRoute) throw new Error('infra/wiring/routes.ts has no POST route for the capture function');
    new CfnOutput(this, 'CaptureUrl', {
      description: 'Where web forms post leads',
      value: publicApi.api.urlForPath(captureRoute.path),
    });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: data.bus.eventBusName });
  }
}
