import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localFunctionEnvironment } from '../../../infra/local/local-environment.ts';
import { type FunctionName, lambdaFunctions, settingsRead, settingsReached } from '../../../infra/wiring/functions.ts';
import { type SettingName, settingSchemas } from '../../../infra/wiring/settings.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const names = Object.keys(lambdaFunctions) as FunctionName[];
const peers = {
  apiUrl: 'http://localhost:3000/',
  dynamodbEndpoint: 'http://localhost:1',
  eventBridgeEndpoint: 'http://localhost:1',
  schedulerEndpoint: 'http://localhost:1',
  sesEndpoint: 'http://localhost:1',
  secretsEndpoint: 'http://localhost:1',
  userPoolEndpoint: 'http://localhost:1',
  tableName: 'stoke-test',
};
// Settings that locate a resource: each is declared together with reaching that resource.
const locating = new Set<SettingName>(names.flatMap((name) => settingsReached(lambdaFunctions[name].reaches)));
const outerEnv = { ...process.env };

/** Imports a function's entry afresh, in an environment that holds no setting but `env`'s. */
async function loadWith(name: FunctionName, env: Record<string, string | undefined>): Promise<unknown> {
  vi.resetModules();
  for (const key of Object.keys(process.env)) if (key in settingSchemas || key.endsWith('_FUNCTION_ARN')) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
  const module: { handler?: unknown } = await import(path.join(root, lambdaFunctions[name].entry));
  return module.handler;
}

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in outerEnv)) delete process.env[key];
  Object.assign(process.env, outerEnv);
});

describe('function contracts', () => {
  it.each(names)('declares %s with the locating settings of exactly the resources it reaches', (name) => {
    const declared = settingsRead(name).filter((setting) => locating.has(setting));

    expect(declared.sort()).toEqual(settingsReached(lambdaFunctions[name].reaches).sort());
  });

  it.each(names)("keeps the entry of %s in its capability's handlers/ folder, named after the function", (name) => {
    expect(lambdaFunctions[name].entry).toMatch(new RegExp(`^functions/[a-z-]+/handlers/${name}\\.ts$`));
  });

  it.each(names)('starts %s with only the settings its declaration gives it', async (name) => {
    const handler = await loadWith(name, localFunctionEnvironment(name, peers));

    expect(handler).toBeTypeOf('function');
  });

  // Lists take any text; capture's CORS middleware and redirect check read them.
  const unbreakable = new Set<SettingName>(['ALLOWED_ORIGINS', 'REDIRECT_HOSTS']);
  const cases = names.flatMap((name) =>
    settingsRead(name)
      .filter((setting) => !unbreakable.has(setting))
      .map((setting) => ({ name, setting })),
  );
  it.each(cases)('stops $name at cold start when $setting is missing or malformed: it reads every setting it declares', async ({ name, setting }) => {
    const env = localFunctionEnvironment(name, peers);
    const broken = [undefined, '', 'not a valid value'];
    let refused = 0;

    for (const value of broken) {
      await loadWith(name, { ...env, [setting]: value }).catch(() => refused++);
      if (refused > 0) break;
    }

    expect(refused, `${name} starts whatever ${setting} holds`).toBe(1);
  });
});
