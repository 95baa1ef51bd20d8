import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lambdaFunctions } from '../../infra/wiring/functions.ts';
import { bundle } from './bundle.ts';
import { awsClientsInBundle, bytesBeyondFloor, clientModulesByPackage, floorEntrySource, heaviestNonSdkPackages, isAwsSdkPackage, stubModuleSource } from './floor.ts';
import { rotation } from './module-load.ts';

const clientsDir = join(process.cwd(), 'functions', 'platform', 'clients');
// Below the repository, as the bench writes its bundles, so the SDK resolves from node_modules.
const scratchDirs: string[] = [];
async function scratch(): Promise<string> {
  await mkdir(join(process.cwd(), '.cache'), { recursive: true });
  const dir = await mkdtemp(join(process.cwd(), '.cache', 'bench-test-'));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('awsClientsInBundle', () => {
  it('lists each @aws-sdk/client-* package of a metafile with the commands esbuild kept, and nothing else of the SDK', () => {
    // prepare
    const inputs = [
      'node_modules/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js',
      'node_modules/@aws-sdk/client-dynamodb/dist-es/commands/QueryCommand.js',
      'node_modules/@aws-sdk/client-dynamodb/dist-es/commands/PutItemCommand.js',
      'node_modules/@aws-sdk/client-sesv2/dist-es/schemas/schemas_0.js',
      'node_modules/@aws-sdk/util-dynamodb/dist-es/marshall.js',
      'node_modules/@smithy/core/dist-es/index.js',
      'functions/capture/handlers/capture.ts',
    ];

    // act
    const clients = awsClientsInBundle(inputs);

    // assess
    expect(clients).toEqual({ '@aws-sdk/client-dynamodb': ['PutItemCommand', 'QueryCommand'], '@aws-sdk/client-sesv2': [] });
  });
});

describe('clientModulesByPackage', () => {
  it('finds the module of functions/platform/clients that creates each client the handlers use', async () => {
    const modules = await clientModulesByPackage(clientsDir);

    expect(Object.fromEntries(Object.entries(modules).map(([pkg, { exportName }]) => [pkg, exportName]))).toEqual({
      '@aws-sdk/client-cognito-identity-provider': 'cognito',
      '@aws-sdk/client-dynamodb': 'dynamodb',
      '@aws-sdk/client-eventbridge': 'eventbridge',
      '@aws-sdk/client-scheduler': 'scheduler',
      '@aws-sdk/client-secrets-manager': 'secretsManager',
      '@aws-sdk/client-sesv2': 'sesv2',
    });
  });
});

describe('floorEntrySource', () => {
  it('refuses a client no platform module creates, rather than measuring a floor without it', () => {
    expect(() => floorEntrySource({ '@aws-sdk/client-s3': [] }, {}, '/tmp')).toThrow(/client-s3/);
  });

  it.each(['reps', 'nurture-step'] as const)('builds a floor for %s holding every SDK client of its bundle and no package beyond the SDK', async (name) => {
    // prepare
    const dir = await scratch();
    const deployed = await bundle(lambdaFunctions[name].entry, join(dir, 'deployed'));
    const clients = awsClientsInBundle(deployed.inputs);
    const entry = join(dir, 'floor', 'floor-entry.ts');
    await mkdir(join(dir, 'floor'), { recursive: true });

    // act
    await writeFile(entry, floorEntrySource(clients, await clientModulesByPackage(clientsDir), join(dir, 'floor')));
    const floor = await bundle(entry, join(dir, 'floor'));

    // assess
    expect(Object.keys(clients)).toContain('@aws-sdk/client-dynamodb');
    expect(awsClientsInBundle(floor.inputs)).toEqual(clients);
    // Beyond @aws-sdk/@smithy, the floor holds only what the SDK itself depends on (its endpoint cache, the invoke store).
    expect(Object.keys(floor.packages).filter((pkg) => !isAwsSdkPackage(pkg) && !pkg.includes('floor-entry.ts')).sort()).toEqual(
      ['@aws/lambda-invoke-store', 'functions/platform', 'mnemonist', 'obliterator'].filter((pkg) => pkg in floor.packages),
    );
    expect(Object.keys(floor.packages).filter((pkg) => /^(zod|liquidjs|@middy\/|@aws-lambda-powertools\/)/.test(pkg))).toEqual([]);
    expect(floor.bytes).toBeLessThan(deployed.bytes);
  }, 60_000);
});

describe('bytesBeyondFloor', () => {
  it('keeps what the function holds beyond its floor, per package, largest first', () => {
    const beyond = bytesBeyondFloor({ '@smithy/core': 50_000, liquidjs: 80_000, zod: 38_000, '@aws-sdk/client-dynamodb': 20_000 }, { '@smithy/core': 48_000, '@aws-sdk/client-dynamodb': 20_000 });

    expect(beyond).toEqual([
      { name: 'liquidjs', bytes: 80_000 },
      { name: 'zod', bytes: 38_000 },
      { name: '@smithy/core', bytes: 2_000 },
    ]);
  });
});

describe('heaviestNonSdkPackages', () => {
  it('picks npm packages only: not the SDK, not Stoke folders, not generated files', () => {
    const beyond = [
      { name: '@smithy/core', bytes: 90_000 },
      { name: 'functions/email', bytes: 85_000 },
      { name: 'liquidjs', bytes: 80_000 },
      { name: 'templates/compiled.json', bytes: 50_000 },
      { name: '@aws-lambda-powertools/logger', bytes: 18_000 },
      { name: 'zod', bytes: 10_000 },
    ];

    expect(heaviestNonSdkPackages(beyond, 2)).toEqual(['liquidjs', '@aws-lambda-powertools/logger']);
  });
});

describe('stubModuleSource', () => {
  it('stands in for a package that module-scope code constructs, extends, calls and reads', async () => {
    // prepare
    const dir = await scratch();
    const file = join(dir, 'stub.mjs');
    await writeFile(file, stubModuleSource(['Liquid', 'z', 'default']));

    // act
    const { Liquid, z } = await import(pathToFileURL(file).href);
    class Engine extends Liquid {
      constructor(options: object) {
        super(options);
      }
    }
    const schema = z.object({ email: z.string().check(z.email()) }).optional();

    // assess
    expect(() => new Engine({ strictFilters: true }).parse('{{ lead }}')).not.toThrow();
    expect(`${schema}`).toBe('');
    expect([...schema]).toEqual([]);
    await expect(Promise.resolve(schema)).resolves.toBe(schema);
  });
});

describe('rotation', () => {
  it.each([
    { round: 0, order: [0, 1, 2] },
    { round: 1, order: [1, 2, 0] },
    { round: 5, order: [2, 0, 1] },
  ])('starts round $round at a different bundle so none always loads first', ({ round, order }) => {
    expect(rotation(3, round)).toEqual(order);
  });
});
