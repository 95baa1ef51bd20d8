import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { httpErrors } from './http-errors.ts';
import { logger } from './observability.ts';

/**
 * A function invoked by EventBridge or Scheduler: every log line carries the
 * invocation's context, and keys a previous invocation appended are dropped.
 * Errors are thrown on, so the caller retries and finally dead-letters.
 */
export function eventHandler<TEvent, TResult = void>(handle: (event: TEvent, context: Context) => Promise<TResult>) {
  return middy<TEvent, TResult>().use(injectLambdaContext(logger, { resetKeys: true })).handler(handle);
}

/**
 * A function behind API Gateway: as eventHandler, then `middleware` (metrics,
 * CORS) in order, and errors answered as HTTP problems (http-errors.ts), last
 * registered so its onError runs first.
 */
export function httpHandler(
  handle: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>,
  middleware: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[] = [],
) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(middleware)
    .use(httpErrors())
    .handler(handle);
}
