import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Clock } from '../../functions/platform/clock.ts';
import type { FunctionName } from '../wiring/functions.ts';
import type { Route } from '../wiring/routes.ts';
import type { LocalEndpoint } from './aws-json-server.ts';
import { type DevTokenClaims, verifyDevToken } from './dev-tokens.ts';

/** A request as the API receives it, whichever way it came: over HTTP, or straight from the simulator. */
export type ApiRequest = { method: string; url: URL; body: Buffer; rawHeaders: string[]; sourceIp: string; httpVersion: string };
/** A local-only page or admin endpoint; answers undefined when the path is not its own. */
export type LocalRoute = (request: ApiRequest) => Promise<APIGatewayProxyResult | undefined>;

type CompiledRoute = Route & { matcher: RegExp; names: string[] };

export type ApiGatewayOptions = {
  routes: readonly Route[];
  invoke: (target: FunctionName, event: unknown) => Promise<unknown>;
  clock: Clock;
};

/**
 * What API Gateway does with a request to the CDK stack's REST API: finds the
 * route, checks the token of a route that needs a signed-in user (development
 * tokens in place of Cognito's), builds the proxy event it delivers and
 * invokes the route's handler module.
 */
export function apiGateway(options: ApiGatewayOptions): (request: ApiRequest) => Promise<APIGatewayProxyResult> {
  const compiled = options.routes.map(compileRoute);
  return async (request) => {
    const path = request.url.pathname;
    const matches = compiled.filter((route) => route.matcher.test(path));
    const route = matches.find((candidate) => candidate.method === request.method);
    // What API Gateway's REST APIs answer for a path or method they do not declare.
    if (!route) return { statusCode: 403, headers: { 'Content-Type': 'application/json' }, body: '{"message":"Missing Authentication Token"}' };
    let authorizer: Authorizer = null;
    if (route.access !== 'public') {
      // Expiry follows real time, not the virtual clock, as a Cognito token's
      // does: advancing the clock by days must not sign the developer out.
      const check = await verifyDevToken(bearerToken(headerOf(request.rawHeaders, 'authorization')));
      if (!check.valid) return unauthorized(check.reason);
      authorizer = { claims: claimsAsDelivered(check.claims) };
    }
    const values = route.matcher.exec(path)!.slice(1).map(decodeURIComponent);
    const event = proxyEvent(request, route, Object.fromEntries(route.names.map((name, i) => [name, values[i]!])), options.clock, authorizer);
    return (await options.invoke(route.function, event)) as APIGatewayProxyResult;
  };
}

/** Serves the API over HTTP, local pages and admin endpoints first. */
export async function startApiServer(options: ApiGatewayOptions & { port: number; localRoutes?: LocalRoute[] }): Promise<LocalEndpoint> {
  const invokeRoute = apiGateway(options);
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const api: ApiRequest = {
      method: request.method ?? 'GET',
      url: new URL(request.url ?? '/', 'http://localhost'),
      body: Buffer.concat(chunks),
      rawHeaders: request.rawHeaders,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      httpVersion: request.httpVersion,
    };
    try {
      for (const route of options.localRoutes ?? []) {
        const answer = await route(api);
        if (answer) return write(response, answer);
      }
      write(response, await invokeRoute(api));
    } catch (error) {
      console.error(error);
      write(response, { statusCode: 502, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: 'Internal server error' }) });
    }
  });

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

function headerOf(rawHeaders: string[], name: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) return rawHeaders[i + 1];
  return undefined;
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
  local: ApiRequest,
  route: CompiledRoute,
  pathParameters: Record<string, string>,
  clock: Clock,
  authorizer: Authorizer,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const raw = local.rawHeaders;
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
      protocol: `HTTP/${local.httpVersion}`,
      httpMethod: local.method,
      identity: {
        sourceIp: local.sourceIp,
        userAgent: headerOf(raw, 'user-agent') ?? null,
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
