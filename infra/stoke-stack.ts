import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import * as path from 'node:path';
import { Capture } from './constructs/capture.ts';
import { DeskHosting } from './constructs/desk-hosting.ts';
import { EventRouting } from './constructs/event-routing.ts';
import { FirstContactWatch } from './constructs/first-contact-watch.ts';
import { Identity } from './constructs/identity.ts';
import { LeadData } from './constructs/lead-data.ts';
import { Engagement } from './constructs/engagement.ts';
import { Nurture } from './constructs/nurture.ts';
import { Operations } from './constructs/operations.ts';
import { Outbound } from './constructs/outbound.ts';
import { PublicApi } from './constructs/public-api.ts';
import { MarketingFigures } from './constructs/marketing-figures.ts';
import { SalesDesk } from './constructs/sales-desk.ts';
import { SalesHandoff } from './constructs/sales-handoff.ts';
import { SendingAlerts } from './constructs/sending-alerts.ts';
import type { StokeFunction } from './constructs/stoke-function.ts';
import type { FunctionName } from './wiring/functions.ts';
import { routes } from './wiring/routes.ts';
import type { StokeSettings } from './stoke-settings.ts';


export type StokeStackProps = StackProps & {
  readonly settings: StokeSettings;
};

/** Stoke: stateful lead data first, then one construct per capability, then the API that exposes them. */
export class StokeStack extends Stack {
  constructor(scope: Construct, id: string, props: StokeStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const data = new LeadData(this, 'LeadData');
    const outbound = new Outbound(this, 'Outbound', { senderAddress: settings.senderAddress, sesIdentity: settings.sesIdentity });
    const identity = new Identity(this, 'Identity');
    // Each function is given the settings and granted the resources its declaration (infra/wiring/functions.ts) names.
    const resources = { data, outbound, settings, identity };
    const capture = new Capture(this, 'Capture', { resources });
    const salesHandoff = new SalesHandoff(this, 'SalesHandoff', { resources });
    const nurture = new Nurture(this, 'Nurture', { resources });
    const engagement = new Engagement(this, 'Engagement', { resources });
    const salesDesk = new SalesDesk(this, 'SalesDesk', { resources });
    const marketing = new MarketingFigures(this, 'MarketingFigures', { resources });
    const firstContactWatch = new FirstContactWatch(this, 'FirstContactWatch', { resources });
    const sendingAlerts = new SendingAlerts(this, 'SendingAlerts', { resources });
    const functions: Record<FunctionName, StokeFunction> = {
      capture: capture.function,
      handoff: salesHandoff.handoff,
      'first-contact-deadline': salesHandoff.firstContactDeadline,
      'lead-actions': salesHandoff.leadActions,
      reps: salesHandoff.reps,
      'handoff-webhook': salesHandoff.webhook,
      'nurture-enrolment': nurture.enrolment,
      'nurture-step': nurture.step,
      'email-preferences': nurture.emailPreferences,
      engagement: engagement.function,
      'sales-desk': salesDesk.desk,
      'review-report': salesDesk.reviewReport,
      'weekly-review': salesDesk.weeklyReview,
      'morning-list': salesDesk.morningList,
      marketing: marketing.function,
      'first-contact-watch': firstContactWatch.function,
      'sending-alerts': sendingAlerts.function,
    };
    new EventRouting(this, 'EventRouting', { data, functions, deadLetters: outbound.deadLetters });
    const publicApi = new PublicApi(this, 'PublicApi', {
      routes,
      functions: lambdasOf(functions),
      rateLimitPerIp: settings.rateLimitPerIp,
      allowedOrigins: settings.allowedOrigins,
      identity,
    });
    outbound.linkEmailsTo(settings.publicBaseUrl ?? stageUrl(publicApi.api));
    const desk = new DeskHosting(this, 'Desk', { api: publicApi.api, buildDir: path.resolve(import.meta.dirname, '../desk/dist') });
    desk.publish({ apiBase: '/v1', auth: { mode: 'cognito', ...identity.addDeskSignIn(desk.url) } });
    outbound.linkDeskTo(desk.url);
    const operations = new Operations(this, 'Operations', {
      functions,
      api: publicApi.api,
      table: data.table,
      deadLetters: outbound.deadLetters,
      deadLettersAlarm: outbound.deadLettersAlarm,
      configurationSets: outbound.configurationSets,
      scheduleGroup: outbound.scheduleGroup,
      alarmEmails: settings.alarmEmails,
    });

    const captureRoute = routes.find((route) => route.function === 'capture' && route.method === 'POST');
    if (!captureRoute) throw new Error('infra/wiring/routes.ts has no POST route for the capture function');
    new CfnOutput(this, 'CaptureUrl', {
      description: 'Where web forms post leads',
      value: publicApi.api.urlForPath(captureRoute.path),
    });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: data.bus.eventBusName });
    new CfnOutput(this, 'UserPoolId', { description: 'Where reps and managers are invited', value: identity.userPool.userPoolId });
    new CfnOutput(this, 'DeskUrl', { description: 'Where reps and managers open the sales desk and sign in', value: desk.url });
    new CfnOutput(this, 'SalesDeskClientId', { description: 'App client the sales desk signs in with', value: identity.salesDeskClient.userPoolClientId });
    new CfnOutput(this, 'WebhookSecretArn', {
      description: 'Holds the key handoff webhook receivers verify X-Stoke-Signature with',
      value: salesHandoff.webhookSecret.secretArn,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: "Where Stoke's alarms are published: the alarmEmails setting subscribes addresses; subscribe chat or paging here",
      value: operations.topic.topicArn,
    });
    new CfnOutput(this, 'DashboardName', { description: "Stoke's CloudWatch dashboard", value: operations.dashboard.dashboardName });
    new CfnOutput(this, 'ScheduleGroupName', {
      description: 'Where the first-contact deadlines of handed-off leads, the next nurture steps and the weekly lead review wait',
      value: outbound.scheduleGroup.scheduleGroupName,
    });
  }
}

/**
 * The deployment stage's base URL, built from the API id alone: `api.url`
 * names the stage, which depends on every method and so on every function
 * behind a route; such a function given that URL would be a dependency cycle.
 */
function stageUrl(api: apigateway.RestApi): string {
  const { stageName } = api.deploymentStage.node.defaultChild as apigateway.CfnStage;
  const stack = Stack.of(api);
  return Fn.join('', ['https://', api.restApiId, '.execute-api.', stack.region, '.', stack.urlSuffix, `/${stageName}/`]);
}

function lambdasOf(functions: Record<FunctionName, StokeFunction>): Record<FunctionName, lambda.IFunction> {
  const lambdas = {} as Record<FunctionName, lambda.IFunction>;
  for (const name of Object.keys(functions) as FunctionName[]) lambdas[name] = functions[name].function;
  return lambdas;
}
