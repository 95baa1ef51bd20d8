import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { countInvocation } from '../../functions/platform/call-counter.ts';
import type { InvocationContext } from '../../functions/platform/observability.ts';
import { type FunctionName, lambdaFunctions } from '../wiring/functions.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export class LambdaTimeoutError extends Error {
  override name = 'Sandbox.Timedout';
}

const invocations = new AsyncLocalStorage<InvocationContext>();

/**
 * The invocation the calling code runs in, followed through its awaits, when
 * this process's invoker started it. Handlers share one logger, whose Lambda
 * context the latest invocation to start overwrites; this is what tells the
 * log which function wrote a line.
 */
export const currentInvocation = (): InvocationContext | undefined => invocations.getStore();

/**
 * Invokes the handler modules the stack deploys, in this process, with a
 * Lambda-shaped context and the function's own timeout. Many invocations of
 * many functions run at once, interleaved: as many Lambda execution
 * environments would, but sharing one process.
 */
export function lambdaInvoker(root: string) {
  const handlers = new Map<FunctionName, Promise<Handler>>();

  const load = (name: FunctionName) => {
    let handler = handlers.get(name);
    if (!handler) {
      const entry = pathToFileURL(resolve(root, lambdaFunctions[name].entry)).href;
      handler = import(entry).then((module: { handler: Handler }) => module.handler);
      handlers.set(name, handler);
    }
    return handler;
  };

  return async function invoke(name: FunctionName, event: unknown): Promise<unknown> {
    const definition = lambdaFunctions[name];
    // The invocation that loads the module is the function's cold start.
    const coldStart = !handlers.has(name);
    const handler = await load(name);
    const deadline = Date.now() + definition.timeoutSeconds * 1000;
    const context = lambdaContext(name, definition.memorySize, deadline);
    const invocation: InvocationContext = {
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: context.memoryLimitInMB,
      awsRequestId: context.awsRequestId,
      coldStart,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LambdaTimeoutError(`Task timed out after ${definition.timeoutSeconds} seconds`)), deadline - Date.now());
    });
    try {
      return await Promise.race([invocations.run(invocation, () => countInvocation(name, () => handler(event, context))), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

function lambdaContext(name: string, memorySize: number, deadline: number): Context {
  const functionName = `stoke-${name}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
