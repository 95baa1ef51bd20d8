import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  ConcurrentUpdateError,
  DependencyUnavailableError,
  type FieldError,
  ForbiddenError,
  InvalidRequestError,
  PayloadTooLargeError,
  type Refusal,
  RouteNotServedError,
  StokeError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from './errors.ts';
import { htmlPage, jsonResponse, wantsHtml } from './http-response.ts';
import { logger } from './observability.ts';

type Problem = { statusCode: number; code: string; message: string; fields?: InvalidRequestError['fields']; retry?: boolean };

/** The one place where errors become HTTP answers. */
export function problemOf(error: unknown): Problem {
  if (error instanceof InvalidRequestError) {
    return { statusCode: 400, code: error.code, message: error.message, fields: error.fields };
  }
  if (error instanceof UnauthenticatedError) return { statusCode: 401, code: error.code, message: error.message };
  if (error instanceof ForbiddenError) return { statusCode: 403, code: error.code, message: error.message };
  if (error instanceof RouteNotServedError) return { statusCode: 405, code: error.code, message: error.message };
  if (error instanceof PayloadTooLargeError) return { statusCode: 413, code: error.code, message: error.message };
  if (error instanceof UnsupportedMediaTypeError) return { statusCode: 415, code: error.code, message: error.message };
  if (error instanceof DependencyUnavailableError || error instanceof ConcurrentUpdateError) {
    return { statusCode: 503, code: error.code, message: error.message, retry: true };
  }
  if (isTransientAwsError(error)) {
    return { statusCode: 503, code: 'dependency-unavailable', message: 'A service Stoke depends on is unavailable; please retry', retry: true };
  }
  const code = error instanceof StokeError ? error.code : 'internal-error';
  return { statusCode: 500, code, message: 'Something went wrong on our side' };
}

const refusalStatus: Record<Refusal, number> = { forbidden: 403, 'not-found': 404, conflict: 409 };
const refusalCode: Record<Refusal, string> = { forbidden: 'forbidden', 'not-found': 'not-found', conflict: 'refused' };

/** The answer to a refused request; `code` names the refusal more precisely than its kind (`rep-exists`). */
export function refusalResponse(refusal: Refusal, message: string, code: string = refusalCode[refusal]): APIGatewayProxyResult {
  return jsonResponse(refusalStatus[refusal], { error: code, message });
}

/** What a use case comes to: a value, a refusal with its reason, or a field the policy does not accept. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal; message: string } | { ok: false; invalid: FieldError };

/**
 * An outcome as an HTTP answer: the value (shaped for the client) with 200,
 * a refusal as refusalResponse says, a value outside the policy as a bad request like any other bad field.
 */
export function outcomeResponse<T>(outcome: Outcome<T>, shape: (value: T) => unknown = (value) => value): APIGatewayProxyResult {
  if (outcome.ok) return jsonResponse(200, shape(outcome.value));
  if ('invalid' in outcome) throw new InvalidRequestError(`${outcome.invalid.field} ${outcome.invalid.message}`, [outcome.invalid]);
  return refusalResponse(outcome.refusal, outcome.message);
}

/** Middy middleware: register it last so its onError runs first. */
export function httpErrors(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      const problem = problemOf(request.error);
      if (problem.statusCode >= 500) {
        logger.error('request failed', { status: problem.statusCode, code: problem.code, error: request.error });
      } else {
        // Field names only: the values are what the person typed.
        logger.info('request refused', { status: problem.statusCode, code: problem.code, fields: problem.fields?.map((f) => f.field) });
      }
      const headers: Record<string, string> = problem.retry ? { 'Retry-After': '1' } : {};
      request.response = wantsHtml(request.event)
        ? htmlPage(
            problem.statusCode,
            {
              title: problem.statusCode < 500 ? 'Please check the form' : 'Please try again',
              message: problem.message,
              items: problem.fields?.map((f) => `${f.field}: ${f.message}`),
            },
            headers,
          )
        : jsonResponse(
            problem.statusCode,
            { error: problem.code, message: problem.message, ...(problem.fields ? { errors: problem.fields } : {}) },
            headers,
          );
    },
  };
}

const throttlingErrors = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
]);

// What Node and the SDK's HTTP handler throw when a peer cannot be reached or stops answering;
// the SDK retries these itself, and adds only `$metadata.attempts` (no status) when it gives up.
const networkErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const timeoutNames = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/**
 * Faults the caller may retry: throttling and server-side faults that outlived
 * the SDK's own retries, and network failures (refused, reset, timed out, name
 * not resolved), however they are wrapped: in `cause`, or in the AggregateError
 * of a connection tried on several addresses.
 */
export function isTransientAwsError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { name, code, $retryable, $metadata, cause, errors } = error as {
    name?: unknown; code?: unknown; $retryable?: unknown; $metadata?: { httpStatusCode?: number }; cause?: unknown; errors?: unknown;
  };
  if (typeof name === 'string' && (throttlingErrors.has(name) || timeoutNames.has(name))) return true;
  if (typeof code === 'string' && networkErrorCodes.has(code)) return true;
  if ($metadata && (Boolean($retryable) || ($metadata.httpStatusCode ?? 0) >= 500)) return true;
  if (isTransientAwsError(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((inner) => isTransientAwsError(inner, depth + 1));
}
