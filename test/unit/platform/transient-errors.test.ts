import { ConditionalCheckFailedException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../functions/platform/errors.ts';
import { problemOf } from '../../../functions/platform/http-errors.ts';

// What the SDK v3 DynamoDB client (node-http-handler) threw after its own retries, provoked against real peers:
// a closed port, an unresolvable host, a listener that never accepts, one that never answers, one that
// hangs up or resets. `$metadata` then holds only the attempts: there is no HTTP status to go by.
const afterRetries = { $metadata: { attempts: 3, totalRetryDelay: 94 } };
const sdkFault = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields, afterRetries);

const provoked = {
  'connection refused (closed port)': sdkFault('connect ECONNREFUSED 127.0.0.1:33759', { errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 33759 }),
  'connection reset while reading the answer': sdkFault('read ECONNRESET', { errno: -104, code: 'ECONNRESET', syscall: 'read', name: 'TimeoutError' }),
  'connection reset while connecting': sdkFault('connect ECONNRESET 127.0.0.1:34997', { errno: -104, code: 'ECONNRESET', syscall: 'connect', name: 'TimeoutError' }),
  'socket hang up (peer closed before answering)': sdkFault('socket hang up', { code: 'ECONNRESET', name: 'TimeoutError' }),
  'host name not found': sdkFault('getaddrinfo ENOTFOUND dynamodb.nowhere.invalid', { errno: -3008, code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'dynamodb.nowhere.invalid' }),
  'connection not established in time (connectionTimeout)': sdkFault(
    '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 300 ms.',
    { name: 'TimeoutError' },
  ),
  'no answer in time (requestTimeout, throwOnRequestTimeout)': sdkFault('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 300 ms requestTimeout.', {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
  }),
  'socket idle too long (socketTimeout)': sdkFault(
    '@smithy/node-http-handler - the request socket timed out after 300 ms of inactivity (configured by client requestHandler).',
    { name: 'TimeoutError' },
  ),
};

// Shapes Node documents but that could not be provoked here (a DNS server that stops answering,
// a write into a socket the peer has closed), or that arrive wrapped without `$metadata`.
const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}:8000`), { code: 'ECONNREFUSED', syscall: 'connect' });
const described = {
  'DNS temporarily failing': sdkFault('getaddrinfo EAI_AGAIN dynamodb.us-east-1.amazonaws.com', { errno: -3001, code: 'EAI_AGAIN', syscall: 'getaddrinfo' }),
  'broken pipe while sending the request': sdkFault('write EPIPE', { errno: -32, code: 'EPIPE', syscall: 'write', name: 'TimeoutError' }),
  'network unreachable': sdkFault('connect ENETUNREACH 10.0.0.1:443', { code: 'ENETUNREACH', syscall: 'connect' }),
  'host unreachable': sdkFault('connect EHOSTUNREACH 10.0.0.1:443', { code: 'EHOSTUNREACH', syscall: 'connect' }),
  'a service answering RequestTimeout': Object.assign(new Error('Your socket connection to the server was not read from or written to within the timeout period'), {
    name: 'RequestTimeout',
    $metadata: { httpStatusCode: 400 },
  }),
  'a service answering RequestTimeoutException': Object.assign(new Error('Request timed out'), { name: 'RequestTimeoutException', $metadata: { httpStatusCode: 408 } }),
  'refused, without $metadata': refused('127.0.0.1'),
  'a timeout, without $metadata': Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }),
  'fetch() failing, the refusal in its cause': new TypeError('fetch failed', { cause: refused('127.0.0.1') }),
  'every address refused (AggregateError of a dual-stack connect)': Object.assign(new AggregateError([refused('::1'), refused('127.0.0.1')], ''), { code: 'ECONNREFUSED' }),
  'every address refused, the codes only inside': new AggregateError([refused('::1'), refused('127.0.0.1')], ''),
  'aborted by AbortSignal.timeout()': new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
};

describe('problemOf for a dependency that cannot be reached', () => {
  it.each(Object.entries(provoked))('answers 503 dependency-unavailable, retry allowed: %s', (_case, error) => {
    expect(problemOf(error)).toMatchObject({ statusCode: 503, code: 'dependency-unavailable', retry: true });
  });

  it.each(Object.entries(described))('answers 503 dependency-unavailable, retry allowed: %s', (_case, error) => {
    expect(problemOf(error)).toMatchObject({ statusCode: 503, code: 'dependency-unavailable', retry: true });
  });
});

describe('problemOf for faults a retry does not mend', () => {
  it.each([
    ['a lost condition', new ConditionalCheckFailedException({ $metadata: { httpStatusCode: 400 }, message: 'The conditional request failed' })],
    ['a missing table (configuration)', new ResourceNotFoundException({ $metadata: { httpStatusCode: 400 }, message: 'Requested resource not found' })],
    ['a garbled answer', Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT', ...afterRetries })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'leadId')")],
  ])('answers 500: %s', (_case, error) => {
    expect(problemOf(error)).toMatchObject({ statusCode: 500, code: 'internal-error' });
    expect(problemOf(error).retry).toBeUndefined();
  });

  it('keeps refusing bad requests with 400', () => {
    expect(problemOf(new InvalidRequestError('Some fields need attention'))).toMatchObject({ statusCode: 400 });
  });
});
