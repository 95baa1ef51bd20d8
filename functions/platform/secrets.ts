import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsManager } from './clients/secrets-manager.ts';

const cache = new Map<string, Promise<Buffer>>();

/**
 * A secret's value, read once per process from Secrets Manager. The secret
 * is the one whose ARN the environment variable `arnVariable` names.
 */
export function secretValue(arnVariable: 'SIGNING_SECRET_ARN' | 'WEBHOOK_SECRET_ARN'): Promise<Buffer> {
  const arn = process.env[arnVariable];
  if (!arn) return Promise.reject(new Error(`Invalid configuration: ${arnVariable} is not set`));
  let value = cache.get(arn);
  if (!value) {
    value = secretsManager
      .send(new GetSecretValueCommand({ SecretId: arn }))
      .then(({ SecretString }) => {
        if (!SecretString || SecretString.length < 32) throw new Error(`The secret of ${arnVariable} must hold at least 32 characters`);
        return Buffer.from(SecretString, 'utf8');
      })
      .catch((error: unknown) => {
        cache.delete(arn);
        throw error;
      });
    cache.set(arn, value);
  }
  return value;
}

/** The key that signs links in Stoke's emails. */
export const signingKey = () => secretValue('SIGNING_SECRET_ARN');
