import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type AwsJsonOperation = (input: Record<string, unknown>) => Promise<unknown>;

/** An error shaped as AWS JSON protocols answer it, so the SDK raises the named exception. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

export type LocalEndpoint = { endpoint: string; port: number; stop(): Promise<void> };

/**
 * A loopback endpoint for an AWS service that speaks a JSON protocol with
 * the operation named in X-Amz-Target (EventBridge) or in the path (Scheduler's
 * REST-JSON is routed by the caller through `route`).
 */
export async function serveAwsJson(
  port: number,
  route: (request: IncomingMessage, body: Record<string, unknown>) => AwsJsonOperation | undefined,
): Promise<{ server: Server } & LocalEndpoint> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const send = (status: number, payload: unknown, errorType?: string) => {
      response.writeHead(status, {
        'Content-Type': 'application/x-amz-json-1.1',
        ...(errorType ? { 'X-Amzn-ErrorType': errorType } : {}),
      });
      response.end(JSON.stringify(payload));
    };
    try {
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const operation = route(request, body);
      if (!operation) throw new AwsServiceError('UnknownOperationException', `Not supported locally: ${request.method} ${request.url}`);
      send(200, (await operation(body)) ?? {});
    } catch (error) {
      const known = error instanceof AwsServiceError ? error : new AwsServiceError('InternalException', String(error), 500);
      send(known.statusCode, { __type: known.type, message: known.message, Message: known.message }, known.type);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    endpoint: `http://127.0.0.1:${actual}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
