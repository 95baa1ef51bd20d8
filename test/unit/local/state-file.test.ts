import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from '../../../functions/platform/zod.ts';
import { readStateFile, StateFile } from '../../../infra/local/state-file.ts';

const Counter = z.object({ count: z.number() });
let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stoke-state-'));
  path = join(dir, 'nested', 'counter.json');
});

afterEach(() => rm(dir, { recursive: true, force: true }));

describe('StateFile', () => {
  it('has the state on disk when a save resolves, and leaves no temporary file', async () => {
    let count = 1;
    const file = new StateFile(path, () => ({ count }));

    await file.save();

    expect(await readStateFile(path, Counter)).toEqual({ count: 1 });
    expect(await readdir(join(dir, 'nested'))).toEqual(['counter.json']);
    count = 2;
    await file.save();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ count: 2 });
  });

  it('writes the saves asked for during a write together, with every change made before them', async () => {
    let count = 0;
    let reads = 0;
    const file = new StateFile(path, () => {
      reads++;
      return { count };
    });

    count++;
    const saves = [file.save()];
    // The first write has read the state and is on its way to disk.
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(1);
    for (let i = 0; i < 9; i++) {
      count++;
      saves.push(file.save());
    }
    await Promise.all(saves);

    expect(await readStateFile(path, Counter)).toEqual({ count: 10 });
    expect(reads).toBe(2);
  });
});

describe('readStateFile', () => {
  it('answers undefined when no run saved anything', async () => {
    expect(await readStateFile(path, Counter)).toBeUndefined();
  });

  it.each([
    { case: 'not JSON', text: '{"count": 1', error: /is not JSON.*npm run reset/s },
    { case: 'another shape', text: '{"count": "one"}', error: /does not hold what this runtime saves.*count/s },
  ])('refuses a file that is $case, naming it', async ({ text, error }) => {
    await writeFile(path.replace('nested/', ''), text);

    const reading = readStateFile(path.replace('nested/', ''), Counter);

    await expect(reading).rejects.toThrow(error);
    await expect(reading).rejects.toThrow(dir);
  });
});
