import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AwsServiceError, type LocalEndpoint, serveAwsJson } from './aws-json-server.ts';

/**
 * A loopback Secrets Manager holding Stoke's generated secrets (the key that
 * signs email links, the webhook's key). Each is generated once; with a file
 * it is kept there, so links already sent keep working after a restart.
 */
export async function startLocalSecrets(secrets: Record<string, { file?: string | undefined }>, port = 0): Promise<LocalEndpoint & { value(arn: string): string }> {
  const values = new Map<string, string>();
  for (const [arn, { file }] of Object.entries(secrets)) values.set(arn, file ? await readOrCreate(file) : generate());
  const endpoint = await serveAwsJson(port, (request, body) => {
    if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return undefined;
    return async () => {
      const value = values.get(String(body.SecretId));
      if (value === undefined) throw new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
      return { ARN: body.SecretId, Name: String(body.SecretId).split(':').at(-1), SecretString: value, VersionId: 'local', VersionStages: ['AWSCURRENT'] };
    };
  });
  return { ...endpoint, value: (arn) => values.get(arn) ?? '' };
}

const generate = () => randomBytes(32).toString('base64url');

async function readOrCreate(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const value = generate();
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, value, { mode: 0o600 });
    return value;
  }
}
