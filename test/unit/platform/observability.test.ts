import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useClock } from '../../../functions/platform/clock.ts';
import { type InvocationContext, logger, useInvocationContext } from '../../../functions/platform/observability.ts';

const context = {
  functionName: 'stoke-capture',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:stoke-capture',
  memoryLimitInMB: '256',
  awsRequestId: 'request-1',
} as Context;

let lines: Array<Record<string, unknown>>;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-25T10:00:00.123Z') });
  lines = [];
  // WARN lines, which Powertools writes to stderr: the test run's level hides INFO.
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
    return true;
  });
});

afterEach(() => {
  useClock(undefined);
  useInvocationContext(undefined);
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("Stoke's logger", () => {
  it('writes exactly the line Powertools writes by default when nothing is swapped in, as on Lambda', () => {
    const powertools = new Logger({ serviceName: 'stoke' });
    powertools.addContext(context);
    logger.addContext(context);

    const error = new Error('boom');

    powertools.warn('lead created', { leadId: 'lead-1', error });
    logger.warn('lead created', { leadId: 'lead-1', error });

    const [expected, written] = lines;
    expect(written).toEqual(expected);
    expect(written).toMatchObject({ timestamp: '2026-11-25T10:00:00.123Z', function_name: 'stoke-capture' });
  });

  it('stamps the time of the clock swapped in', () => {
    useClock({ now: () => new Date('2031-02-10T08:30:00.000Z') });

    logger.warn('weekly review sent');

    expect(lines[0]?.timestamp).toBe('2031-02-10T08:30:00.000Z');
  });

  it('names the invocation the line belongs to, over the context the last invocation to start gave the logger', () => {
    const invocation: InvocationContext = { ...context, functionName: 'stoke-nurture-enrolment', awsRequestId: 'request-2', coldStart: true };
    logger.addContext(context);
    useInvocationContext(() => invocation);

    logger.warn('nurture enrolment');

    expect(lines[0]).toMatchObject({ function_name: 'stoke-nurture-enrolment', function_request_id: 'request-2', cold_start: true });
  });
});
