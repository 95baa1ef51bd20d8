// Counts every AWS SDK call the handlers make, by service and operation, with
// the DynamoDB capacity units the responses report. Off unless the process runs
// with STOKE_COUNT_AWS_CALLS=1 (the simulator and bench runs): in production the
// clients carry no extra middleware and DynamoDB requests stay unchanged.

export type CallCount = { service: string; operation: string; count: number; readUnits: number; writeUnits: number };

type Registry = Map<string, CallCount>;
const registryKey = Symbol.for('stoke.aws-call-counter');
const globalRegistry = globalThis as unknown as Record<symbol, Registry | undefined>;

function registry(): Registry {
  return (globalRegistry[registryKey] ??= new Map());
}

export function callCountingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.STOKE_COUNT_AWS_CALLS === '1';
}

/** Adds one call (and its capacity units) to the process-global registry. */
export function recordCall(service: string, operation: string, readUnits = 0, writeUnits = 0): void {
  const key = `${service}:${operation}`;
  const entry = registry().get(key) ?? { service, operation, count: 0, readUnits: 0, writeUnits: 0 };
  entry.count += 1;
  entry.readUnits += readUnits;
  entry.writeUnits += writeUnits;
  registry().set(key, entry);
}

/** What was counted so far, sorted by service and operation. */
export function callCounts(): CallCount[] {
  return [...registry().values()].map((e) => ({ ...e })).sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation));
}

export function resetCallCounts(): void {
  registry().clear();
}

/** The difference between two snapshots of callCounts(). */
export function diffCallCounts(after: CallCount[], before: CallCount[]): CallCount[] {
  const earlier = new Map(before.map((e) => [`${e.service}:${e.operation}`, e]));
  return after
    .map((e) => {
      const b = earlier.get(`${e.service}:${e.operation}`);
      return { ...e, count: e.count - (b?.count ?? 0), readUnits: e.readUnits - (b?.readUnits ?? 0), writeUnits: e.writeUnits - (b?.writeUnits ?? 0) };
    })
    .filter((e) => e.count > 0);
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
