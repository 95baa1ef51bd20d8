import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AwsServiceError, type LocalEndpoint, serveAwsJson } from './aws-json-server.ts';

/**
 * A loopback Secrets Manager holding the one secret Stoke reads: the key
 * that signs links in emails. It is generated once and kept in the data
 * folder, so links in emails already sent keep working after a restart.
 */
export async function startLocalSecrets(options: { keyFile: string | undefined; secretArn: string }): Promise<LocalEndpoint> {
  const value = options.keyFile ? await readOrCreate(options.keyFile) : randomBytes(32).toString('base64url');
  return serveAwsJson(0, (request, body) => {
    if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return undefined;
    return async () => {
      if (body.SecretId !== options.secretArn) throw new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
      return { ARN: options.secretArn, Name: 'stoke-signing-key', SecretString: value, VersionId: 'local', VersionStages: ['AWSCURRENT'] };
    };
  });
}

async function readOrCreate(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const value = randomBytes(32).toString('base64url');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, value, { mode: 0o600 });
    return value;
  }
}
