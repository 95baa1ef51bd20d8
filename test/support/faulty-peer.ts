import { createServer, request as forwardRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An AWS service error as restJson1 services (Scheduler, SES v2) answer it. */
export type ServiceFault = { status: number; type: string; message: string };

export type FaultyPeer = {
  endpoint: string;
  /** From now on, requests that `matches` are answered with `fault`, as an outage would; the rest still reach the peer. */
  fail(matches: (method: string, path: string) => boolean, fault: ServiceFault): void;
  /** The outage is over: every request reaches the peer again. */
  heal(): void;
  /** How many requests were answered with the fault. */
  refused(): number;
  stop(): Promise<void>;
};

/**
 * A local AWS peer that can be made to fail on demand: a proxy forwarding to
 * `upstream` until told to fail. Handlers' SDK clients reach it through their
 * AWS_ENDPOINT_URL_* variable, which must point here before the handler first
 * loads (its clients are made once per process, reading the endpoint then).
 */
export async function startFaultyPeer(upstream: string): Promise<FaultyPeer> {
  const target = new URL(upstream);
  let failing: { matches: (method: string, path: string) => boolean; fault: ServiceFault } | undefined;
  let refused = 0;

  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0]!;
    if (failing?.matches(method, path)) {
      refused++;
      const { status, type, message } = failing.fault;
      response.writeHead(status, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': type }).end(JSON.stringify({ message }));
      return;
    }
    const upstreamRequest = forwardRequest(
      { host: target.hostname, port: target.port, method, path: request.url, headers: { ...request.headers, host: target.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstreamRequest.on('error', (error) => response.writeHead(502).end(String(error)));
    upstreamRequest.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fail: (matches, fault) => {
      failing = { matches, fault };
    },
    heal: () => {
      failing = undefined;
    },
    refused: () => refused,
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
