import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalRuntime } from './runtime.ts';

const dataDir = fileURLToPath(new URL('../../.stoke/', import.meta.url));

const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    exit: { type: 'boolean', default: false },
  },
});

if (values.reset) {
  await rm(dataDir, { recursive: true, force: true });
  console.log(`Local data wiped (${dataDir}).`);
  if (values.exit) process.exit(0);
}

const started = Date.now();
const runtime = await startLocalRuntime({
  apiPort: Number(process.env.PORT ?? 3000),
  dynamodb: { port: Number(process.env.DYNAMODB_PORT ?? 8000), dbPath: `${dataDir}dynamodb` },
});

console.log(`
Stoke is running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Sample lead form   ${runtime.apiUrl}/
  Capture API        POST ${runtime.apiUrl}/leads
  DynamoDB Local     ${runtime.dynamodbEndpoint}  (table ${runtime.tableName}, data in .stoke/)

Ctrl-C stops everything. npm run reset wipes the local data.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping: finishing deliveries in flight…');
    await runtime.stop();
    process.exit(0);
  });
}
