// Counts every AWS SDK call the handlers make, by function, service and operation,
// with the DynamoDB capacity units the responses report, and every invocation with
// its duration. Off unless the process runs with STOKE_COUNT_AWS_CALLS=1 (the
// simulator and bench runs): in production the clients carry no extra middleware
// and DynamoDB requests stay unchanged.
import { AsyncLocalStorage } from 'node:async_hooks';

export type CallCount = { fn: string; service: string; operation: string; count: number; readUnits: number; writeUnits: number };
export type InvocationCount = { fn: string; invocations: number; totalMs: number };

type Registry = { calls: Map<string, CallCount>; invocations: Map<string, InvocationCount>; current: AsyncLocalStorage<string> };
const registryKey = Symbol.for('stoke.aws-call-counter');
const globalRegistry = globalThis as unknown as Record<symbol, Registry | undefined>;

// Process-global: the local runtime loads several handler modules that must share one registry.
function registry(): Registry {
  return (globalRegistry[registryKey] ??= { calls: new Map(), invocations: new Map(), current: new AsyncLocalStorage() });
}

export function callCountingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.STOKE_COUNT_AWS_CALLS === '1';
}

// On Lambda a process runs one function; locally the invoker names the function it runs.
const currentFunction = () => registry().current.getStore() ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'outside-a-function';

/** Adds one call (and its capacity units) to the registry, under the function making it. */
export function recordCall(service: string, operation: string, readUnits = 0, writeUnits = 0): void {
  const fn = currentFunction();
  const key = `${fn}|${service}:${operation}`;
  const entry = registry().calls.get(key) ?? { fn, service, operation, count: 0, readUnits: 0, writeUnits: 0 };
  entry.count += 1;
  entry.readUnits += readUnits;
  entry.writeUnits += writeUnits;
  registry().calls.set(key, entry);
}

/** Runs one invocation of `fn`: its SDK calls are counted under its name, its duration is recorded. */
export async function countInvocation<T>(fn: string, invoke: () => Promise<T>): Promise<T> {
  if (!callCountingEnabled()) return invoke();
  const started = performance.now();
  try {
    return await registry().current.run(fn, invoke);
  } finally {
    const entry = registry().invocations.get(fn) ?? { fn, invocations: 0, totalMs: 0 };
    entry.invocations += 1;
    entry.totalMs += performance.now() - started;
    registry().invocations.set(fn, entry);
  }
}

/** What was counted so far, sorted by function, service and operation. */
export function callCounts(): CallCount[] {
  return [...registry().calls.values()]
    .map((e) => ({ ...e }))
    .sort((a, b) => a.fn.localeCompare(b.fn) || a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation));
}

/** Invocations so far, by function. */
export function invocationCounts(): InvocationCount[] {
  return [...registry().invocations.values()].map((e) => ({ ...e })).sort((a, b) => a.fn.localeCompare(b.fn));
}

export function resetCallCounts(): void {
  registry().calls.clear();
  registry().invocations.clear();
}

type Capacity = { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number };
type ConsumedCapacity = Capacity & { TableName?: string };

// DynamoDB answers with one ConsumedCapacity (single-item and query operations) or a list (batch, transactions).
function unitsOf(operation: string, output: unknown): { read: number; write: number } {
  const consumed = (output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] } | undefined)?.ConsumedCapacity;
  const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
  let read = 0;
  let write = 0;
  const writes = /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(operation);
  for (const c of list) {
    if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
      read += c.ReadCapacityUnits ?? 0;
      write += c.WriteCapacityUnits ?? 0;
    } else if (writes) write += c.CapacityUnits ?? 0;
    else read += c.CapacityUnits ?? 0;
  }
  return { read, write };
}

type MiddlewareStack = { add: (middleware: any, options: Record<string, unknown>) => void };
type Client = { middlewareStack: MiddlewareStack };

/**
 * Adds the counting middleware to a client when counting is on; returns the client.
 * Used by the modules of functions/platform/clients, one line each.
 */
export function countCalls<C extends Client>(client: C, env: NodeJS.ProcessEnv = process.env): C {
  if (!callCountingEnabled(env)) return client;
  client.middlewareStack.add(
    (next: (args: { input: Record<string, unknown> }) => Promise<{ output: unknown }>, context: { clientName?: string; commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        const service = (context.clientName ?? 'Unknown').replace(/Client$/, '');
        const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        if (service === 'DynamoDB' && args.input && args.input.ReturnConsumedCapacity === undefined) args.input.ReturnConsumedCapacity = 'TOTAL';
        try {
          const result = await next(args);
          const units = service === 'DynamoDB' ? unitsOf(operation, result.output) : { read: 0, write: 0 };
          recordCall(service, operation, units.read, units.write);
          return result;
        } catch (error) {
          // A failed call is still a call (and still billed when it reached the service).
          recordCall(service, operation);
          throw error;
        }
      },
    { step: 'initialize', name: 'stokeCallCounter', override: true },
  );
  return client;
}
