import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureJava } from './java.ts';
import { startLocalRuntime, wipeLocalData } from './runtime.ts';

const dataDir = fileURLToPath(new URL('../../.stoke/', import.meta.url));

const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    exit: { type: 'boolean', default: false },
    'time-scale': { type: 'string', default: '1' },
  },
});

if (values.reset) {
  // Everything a run keeps is in there: DynamoDB Local's files, the generated keys, the schedules and the clock.
  await wipeLocalData(dataDir);
  console.log(`Local data wiped (${dataDir}).`);
  if (values.exit) process.exit(0);
}

const timeScale = Number(values['time-scale']);
if (!(timeScale > 0)) {
  console.error(`--time-scale must be a positive number, not "${values['time-scale']}"`);
  process.exit(2);
}

await loadSettingsFile(fileURLToPath(new URL('../../stoke.local.json', import.meta.url)));
await ensureJava();
const started = Date.now();
const runtime = await startLocalRuntime({
  apiPort: Number(process.env.PORT ?? 3000),
  sesPort: Number(process.env.SES_PORT ?? 8005),
  dynamodb: { port: Number(process.env.DYNAMODB_PORT ?? 8000), dbPath: `${dataDir}dynamodb` },
  dataDir,
  timeScale,
});

console.log(`
Stoke is running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Sample lead form   ${runtime.apiUrl}/
  Desk               ${runtime.apiUrl}/desk/  (sign in as a seeded rep or manager)
  Capture API        POST ${runtime.apiUrl}/leads
  Emails sent        ${runtime.sesViewerUrl}
  DynamoDB Local     ${runtime.dynamodbEndpoint}  (table ${runtime.tableName}, data in .stoke/)
  Clock              ${runtime.clock.now().toISOString()}${runtime.resumed ? ', resumed where the last run stopped' : ''}${timeScale === 1 ? '' : `, running ${timeScale}x`}
                     curl -X POST ${runtime.apiUrl}/_local/clock -d '{"advance":"PT25H"}'

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

/**
 * Local settings kept in a file, e.g. { "ALLOWED_ORIGINS": "http://localhost:8080" }:
 * the same names as the functions' environment; variables set in the shell win.
 */
async function loadSettingsFile(path: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return;
  }
  const settings = JSON.parse(text) as Record<string, unknown>;
  for (const [name, value] of Object.entries(settings)) process.env[name] ??= String(value);
  console.log(`Settings read from ${path}`);
}
