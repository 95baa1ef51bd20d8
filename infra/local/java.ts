import { spawnSync } from 'node:child_process';

/**
 * DynamoDB Local runs on Java. On a fresh Debian machine run as root (CI, a
 * new container) the set-up installs it; elsewhere it says what to install.
 */
export async function ensureJava(): Promise<void> {
  if (!spawnSync('java', ['-version']).error) return;
  const canInstall = process.getuid?.() === 0 && !spawnSync('apt-get', ['--version']).error;
  if (!canInstall) {
    throw new Error('DynamoDB Local needs Java 17 or newer. Install it (Debian/Ubuntu: sudo apt-get install -y default-jre-headless) and run again.');
  }
  console.log('Installing Java for DynamoDB Local (apt-get install default-jre-headless)…');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'default-jre-headless']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}
