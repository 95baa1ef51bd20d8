import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsManager } from './clients/secrets-manager.ts';

let key: Promise<Buffer> | undefined;

/**
 * The key that signs links in Stoke's emails, read once per process from
 * Secrets Manager (the secret named by SIGNING_SECRET_ARN).
 */
export function signingKey(): Promise<Buffer> {
  key ??= secretsManager
    .send(new GetSecretValueCommand({ SecretId: required('SIGNING_SECRET_ARN') }))
    .then(({ SecretString }) => {
      if (!SecretString || SecretString.length < 32) throw new Error('The signing secret must hold at least 32 characters');
      return Buffer.from(SecretString, 'utf8');
    })
    .catch((error: unknown) => {
      key = undefined;
      throw error;
    });
  return key;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Invalid configuration: ${name} is not set`);
  return value;
}
