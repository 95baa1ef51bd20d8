import type { APIGatewayProxyEvent } from 'aws-lambda';
import { type FieldError, InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';
import { fieldErrors } from './field-errors.ts';
import { header } from './http-response.ts';
import type * as z from './zod.ts';

export const maxBodyBytes = 16 * 1024;
export type MediaType = 'application/json' | 'application/x-www-form-urlencoded';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the body of a form post or a JSON request into plain fields,
 * refusing what is too large, of another media type, or not decodable.
 */
export function readFields(
  event: Pick<APIGatewayProxyEvent, 'body' | 'headers' | 'isBase64Encoded'>,
  supportedMediaTypes: readonly MediaType[] = ['application/json', 'application/x-www-form-urlencoded'],
): Record<string, unknown> {
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.byteLength > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);

  const mediaType = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!supportedMediaTypes.includes(mediaType as MediaType)) {
    throw new UnsupportedMediaTypeError(mediaType, supportedMediaTypes);
  }

  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new InvalidRequestError('The body is not valid UTF-8 text');
  }

  if (mediaType === 'application/x-www-form-urlencoded') {
    // The first value of a repeated field wins, as it is the one a person saw first on the page.
    const fields = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(text)) if (!fields.has(name)) fields.set(name, value);
    return Object.fromEntries(fields);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidRequestError('The body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequestError('The body must be a JSON object of fields');
  }
  return parsed as Record<string, unknown>;
}

/**
 * The body of a request read as `schema` says, or a 400 naming every field
 * that needs attention (a 413 or 415 as readFields refuses the body).
 */
export function parseBody<T>(
  schema: z.ZodMiniType<T>,
  event: Pick<APIGatewayProxyEvent, 'body' | 'headers' | 'isBase64Encoded'>,
  supportedMediaTypes?: readonly MediaType[],
): T {
  return parseFields(schema, readFields(event, supportedMediaTypes));
}

/** Fields from any part of a request (body, query string, path) read as `schema` says, or a 400 naming the bad ones. */
export function parseFields<T>(schema: z.ZodMiniType<T>, fields: unknown): T {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw fieldsNeedAttention(...fieldErrors(parsed.error));
  return parsed.data;
}

/** The one 400 for bad fields, whether a schema or a rule checked after parsing found them. */
export function fieldsNeedAttention(...fields: FieldError[]): InvalidRequestError {
  return new InvalidRequestError('Some fields need attention', fields);
}
