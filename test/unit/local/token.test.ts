import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

// The script as `npm run token` runs it, in a process of its own.
async function token(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'infra/local/token.ts', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The table's rows by email: its columns are separated by two spaces or more. */
function rows(stdout: string): Map<string, { name: string; groups: string; team: string; command: string }> {
  const found = new Map<string, { name: string; groups: string; team: string; command: string }>();
  for (const line of stdout.split('\n')) {
    const [name, email, groups, team, command] = line.split(/ {2,}/);
    if (email?.includes('@') && command?.startsWith('npm run token')) found.set(email, { name: name!, groups: groups!, team: team!, command });
  }
  return found;
}

describe('npm run token -- --list', () => {
  it('lists the seeded reps in group rep and their manager in group manager, each with the command for a token', async () => {
    const { code, stdout } = await token('--list');
    expect(code).toBe(0);
    const people = rows(stdout);
    expect(people.get('anna.schmidt@stoke.example')).toEqual({
      name: 'Anna Schmidt',
      groups: 'rep',
      team: 'field',
      command: 'npm run token -- --rep anna.schmidt@stoke.example',
    });
    expect(people.get('maria.keller@stoke.example')).toMatchObject({
      groups: 'manager',
      command: 'npm run token -- --manager maria.keller@stoke.example',
    });
    expect(stdout).toMatch(/seeds/);
    expect(stdout).toMatch(/POST \/reps/);
  });

  it('refuses --list with another option', async () => {
    const { code, stdout, stderr } = await token('--list', '--manager', 'maria.keller@stoke.example');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Usage: npm run token/);
  });

  it('lists a sample member of the privacy group with the command for their token', async () => {
    const { stdout } = await token('--list');
    expect(rows(stdout).get('dpo@stoke.example')).toMatchObject({
      groups: 'privacy',
      command: 'npm run token -- --privacy dpo@stoke.example',
    });
  });

  it('prints a token in the privacy group for --privacy', async () => {
    const { code, stdout } = await token('--privacy', 'DPO@stoke.example');
    expect(code).toBe(0);
    const [, payload] = stdout.trim().split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'))).toMatchObject({
      email: 'dpo@stoke.example',
      'cognito:groups': ['privacy'],
    });
  });

  it('still prints a token for --rep', async () => {
    const { code, stdout } = await token('--rep', 'anna.schmidt@stoke.example');
    expect(code).toBe(0);
    const [, payload] = stdout.trim().split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'))).toMatchObject({
      email: 'anna.schmidt@stoke.example',
      'cognito:groups': ['rep'],
    });
  });
});
