import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Clock } from '../../functions/platform/clock.ts';
import type { FunctionName } from '../wiring/functions.ts';
import type { Route } from '../wiring/routes.ts';
import type { LocalEndpoint } from './aws-json-server.ts';
import { type DevTokenClaims, verifyDevToken } from './dev-tokens.ts';

export type LocalRequest = { method: string; url: URL; body: Buffer; request: IncomingMessage };
/** A local-only page or admin endpoint; answers undefined when the path is not its own. */
export type LocalRoute = (request: LocalRequest) => Promise<APIGatewayProxyResult | undefined>;

type CompiledRoute = Route & { matcher: RegExp; names: string[] };

/**
 * Serves the routes of the CDK stack's REST API by building the proxy events
 * API Gateway delivers and invoking the same handler modules. Routes that
 * need a signed-in user take development tokens in place of Cognito's.
 */
export async function startApiServer(options: {
  port: number;
  routes: readonly Route[];
  invoke: (target: FunctionName, event: unknown) => Promise<unknown>;
  clock: Clock;
  localRoutes?: LocalRoute[];
}): Promise<LocalEndpoint> {
  const compiled = options.routes.map(compileRoute);

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const local: LocalRequest = {
      method: request.method ?? 'GET',
      url: new URL(request.url ?? '/', 'http://localhost'),
      body: Buffer.concat(chunks),
      request,
    };
    try {
      for (const route of options.localRoutes ?? []) {
        const answer = await route(local);
        if (answer) return write(response, answer);
      }
      write(response, await invokeRoute(local));
    } catch (error) {
      console.error(error);
      write(response, { statusCode: 502, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: 'Internal server error' }) });
    }
  });

  async function invokeRoute(local: LocalRequest): Promise<APIGatewayProxyResult> {
    const path = local.url.pathname;
    const matches = compiled.filter((route) => route.matcher.test(path));
    const route = matches.find((candidate) => candidate.method === local.method);
    // What API Gateway's REST APIs answer for a path or method they do not declare.
    if (!route) return { statusCode: 403, headers: { 'Content-Type': 'application/json' }, body: '{"message":"Missing Authentication Token"}' };
    let authorizer: Authorizer = null;
    if (route.access !== 'public') {
      // Expiry follows real time, not the virtual clock, as a Cognito token's
      // does: advancing the clock by days must not sign the developer out.
      const check = await verifyDevToken(bearerToken(local.request.headers.authorization));
      if (!check.valid) return unauthorized(check.reason);
      authorizer = { claims: claimsAsDelivered(check.claims) };
    }
    const values = route.matcher.exec(path)!.slice(1).map(decodeURIComponent);
    const event = proxyEvent(local, route, Object.fromEntries(route.names.map((name, i) => [name, values[i]!])), options.clock, authorizer);
    return (await options.invoke(route.function, event)) as APIGatewayProxyResult;
  }

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    endpoint: `http://localhost:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function compileRoute(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, matcher: new RegExp(`^${source}/?$`), names };
}

type Authorizer = APIGatewayProxyEvent['requestContext']['authorizer'];

// Cognito authorizers take the token with or without the `Bearer ` prefix.
function bearerToken(header: string | undefined): string {
  return (header ?? '').trim().replace(/^Bearer\s+/i, '');
}

// API Gateway's answers when its Cognito authorizer refuses a token; the
// function is not invoked. Group membership is left to the handler, as on AWS.
function unauthorized(reason: 'invalid' | 'expired'): APIGatewayProxyResult {
  return {
    statusCode: 401,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'UnauthorizedException' },
    body: JSON.stringify({ message: reason === 'expired' ? 'The incoming token has expired' : 'Unauthorized' }),
  };
}

// What the Cognito authorizer of a REST API passes on: every claim a string,
// lists comma-separated, `iat` and `exp` as dates printed the Java way.
function claimsAsDelivered(claims: DevTokenClaims): Record<string, string> {
  const { 'cognito:groups': memberOf, iat, exp, ...rest } = claims;
  return {
    ...rest,
    ...(memberOf.length > 0 ? { 'cognito:groups': memberOf.join(',') } : {}),
    iat: javaDate(iat),
    exp: javaDate(exp),
  };
}

// `Sun Dec 17 07:28:12 UTC 2017` for the given epoch seconds.
function javaDate(epochSeconds: number): string {
  const [weekday, day, month, year, time] = new Date(epochSeconds * 1000).toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}

function proxyEvent(
  local: LocalRequest,
  route: CompiledRoute,
  pathParameters: Record<string, string>,
  clock: Clock,
  authorizer: Authorizer,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const raw = local.request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    headers[name] = raw[i + 1]!;
    (multiValueHeaders[name] ??= []).push(raw[i + 1]!);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of local.url.searchParams) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const now = clock.now();
  return {
    resource: route.path,
    path: local.url.pathname,
    httpMethod: local.method,
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
    pathParameters: route.names.length ? pathParameters : null,
    stageVariables: null,
    // No binary media types are declared, so API Gateway passes bodies as text.
    body: local.body.length ? local.body.toString('utf8') : null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer,
      protocol: `HTTP/${local.request.httpVersion}`,
      httpMethod: local.method,
      identity: {
        sourceIp: (local.request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        userAgent: local.request.headers['user-agent'] ?? null,
      } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/v1${local.url.pathname}`,
      stage: 'v1',
      requestId: randomUUID(),
      requestTimeEpoch: now.getTime(),
      resourceId: 'local',
      resourcePath: route.path,
    },
  };
}

function write(response: ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name] = values.map(String);
  response.writeHead(result.statusCode, headers);
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}
