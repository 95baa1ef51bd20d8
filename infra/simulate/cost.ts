import { readFileSync } from 'node:fs';
import { type FunctionName, lambdaFunctions } from '../wiring/functions.ts';
import type { Figures } from './driver.ts';

export type Prices = {
  region: string;
  readOn: string;
  lambda: { perMillionRequests: number; perGbSecondArm64: number };
  apiGatewayRest: { perMillionRequests: number };
  dynamodbOnDemand: { perMillionWriteRequestUnits: number; perMillionReadRequestUnits: number };
  eventBridge: { perMillionCustomEvents: number };
  scheduler: { perMillionInvocations: number };
  ses: { perThousandEmails: number };
};

export const loadPrices = (): Prices => JSON.parse(readFileSync(new URL('./aws-prices.json', import.meta.url), 'utf8')) as Prices;

/** Assumptions the counts cannot give; shown in the report beside the result. */
export const costAssumptions = {
  freeTiersApplied: false,
  note: 'What 10,000 contacts in the pipeline cost a month, the unit marketing-automation plans are priced in: the cost of the simulated period divided by the contact-months it covered (each lead counted from its capture to the end of the run), times 10,000. Lambda GB-seconds are each function\'s measured invocation time in the local runtime (against DynamoDB Local and the local peers, on the machine that ran it) times its configured memory; cold starts, storage, logs, WAF, Secrets Manager and data transfer are left out. Costs once per lead (capture, enrolment, handoff) and once per week (the review) are spread over the contact-months of the run, so its length and size move the figure a little.',
};

/** GB-seconds the measured invocations bill: duration times each function's configured memory. */
/** Figures of a run whose SDK calls were counted: the DynamoDB engine's. */
export type CountedFigures = Figures & { awsCalls: NonNullable<Figures['awsCalls']> };

function lambdaGbSeconds(figures: Figures): number {
  return figures.invocations.reduce((sum, f) => {
    const memoryGb = (lambdaFunctions[f.fn as FunctionName]?.memorySize ?? 1024) / 1024;
    return sum + (f.invocations * f.meanMs * memoryGb) / 1000;
  }, 0);
}

export function monthlyCostPer10k(figures: CountedFigures, prices: Prices) {
  const calls = figures.awsCalls.total;
  const sum = (service: string, pick: (c: (typeof calls)[number]) => number, op?: string) => calls.filter((c) => c.service === service && (!op || c.operation === op)).reduce((s, c) => s + pick(c), 0);
  const scale = 10_000 / Math.max(1, figures.contactMonths);
  const lambda = figures.lambdaInvocations.total;
  const usage = {
    apiRequests: figures.lambdaInvocations.api,
    lambdaInvocations: lambda,
    lambdaGbSeconds: lambdaGbSeconds(figures),
    dynamodbWriteUnits: sum('DynamoDB', (c) => c.writeUnits),
    dynamodbReadUnits: sum('DynamoDB', (c) => c.readUnits),
    customEvents: sum('EventBridge', (c) => c.count, 'PutEvents'),
    schedulerInvocations: figures.lambdaInvocations.scheduled,
    emails: sum('SESv2', (c) => c.count, 'SendEmail'),
  };
  const lines = [
    { item: 'API Gateway REST requests', usage: usage.apiRequests, usd: (usage.apiRequests / 1e6) * prices.apiGatewayRest.perMillionRequests },
    { item: 'Lambda requests', usage: usage.lambdaInvocations, usd: (usage.lambdaInvocations / 1e6) * prices.lambda.perMillionRequests },
    { item: 'Lambda GB-seconds (arm64)', usage: usage.lambdaGbSeconds, usd: usage.lambdaGbSeconds * prices.lambda.perGbSecondArm64 },
    { item: 'DynamoDB write request units', usage: usage.dynamodbWriteUnits, usd: (usage.dynamodbWriteUnits / 1e6) * prices.dynamodbOnDemand.perMillionWriteRequestUnits },
    { item: 'DynamoDB read request units', usage: usage.dynamodbReadUnits, usd: (usage.dynamodbReadUnits / 1e6) * prices.dynamodbOnDemand.perMillionReadRequestUnits },
    { item: 'EventBridge custom events', usage: usage.customEvents, usd: (usage.customEvents / 1e6) * prices.eventBridge.perMillionCustomEvents },
    { item: 'Scheduler invocations', usage: usage.schedulerInvocations, usd: (usage.schedulerInvocations / 1e6) * prices.scheduler.perMillionInvocations },
    { item: 'SES emails', usage: usage.emails, usd: (usage.emails / 1000) * prices.ses.perThousandEmails },
  ].map((l) => ({ ...l, usagePer10kMonthly: l.usage * scale, usdPer10kMonthly: round(l.usd * scale, 4) }));
  return { pricesReadOn: prices.readOn, region: prices.region, contactMonths: round(figures.contactMonths, 1), lines, totalUsdPer10kMonthly: round(lines.reduce((s, l) => s + l.usdPer10kMonthly, 0), 2), assumptions: costAssumptions };
}

/** What one invocation of each function costs in calls, on average: SDK calls, DynamoDB requests and capacity units, time. */
export function callsPer(figures: CountedFigures) {
  const perFunction = Object.fromEntries(
    figures.invocations.map((f) => {
      const calls = figures.awsCalls.byFunction.find((c) => c.fn === f.fn)?.calls ?? [];
      const sum = (pick: (c: (typeof calls)[number]) => number, service?: string) => calls.filter((c) => !service || c.service === service).reduce((s, c) => s + pick(c), 0);
      const per = (n: number) => round(n / f.invocations, 2);
      return [f.fn, { invocations: f.invocations, meanMs: f.meanMs, sdkCalls: per(sum((c) => c.count)), dynamodbRequests: per(sum((c) => c.count, 'DynamoDB')), writeUnits: per(sum((c) => c.writeUnits)), readUnits: per(sum((c) => c.readUnits)) }];
    }),
  );
  return { perFunction, perLead: round(figures.awsCalls.total.reduce((s, c) => s + c.count, 0) / Math.max(1, figures.leads), 1) };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
