import type { APIGatewayProxyEvent } from 'aws-lambda';

/** A REST API proxy event as API Gateway delivers it, for calling handlers directly. */
export function apiEvent(options: {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  sourceIp?: string;
}): APIGatewayProxyEvent {
  const headers = options.headers ?? {};
  return {
    resource: options.path ?? '/leads',
    path: options.path ?? '/leads',
    httpMethod: options.method ?? 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: options.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: options.method ?? 'POST',
      identity: { sourceIp: options.sourceIp ?? '203.0.113.7', userAgent: 'vitest' } as APIGatewayProxyEvent['requestContext']['identity'],
      path: options.path ?? '/leads',
      stage: 'v1',
      requestId: 'test-request',
      requestTimeEpoch: Date.now(),
      resourceId: 'test',
      resourcePath: options.path ?? '/leads',
    },
  };
}

export const json = (body: unknown, headers: Record<string, string> = {}) =>
  apiEvent({ body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });

export const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  apiEvent({
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
