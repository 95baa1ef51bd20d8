import { countCalls } from '../call-counter.ts';

type Client = Parameters<typeof countCalls>[0] & { middlewareStack: { remove: (name: string) => boolean } };

/**
 * How every handler's AWS client is set up. The SDK's logger middleware
 * redacts each request and response against the operation's schema before
 * handing them to the logger, even to the no-op logger a client has by
 * default (11 of 218 busy CPU seconds in a profiled 1,000-lead simulation),
 * for output nobody reads. Stoke logs through Powertools, so it is removed.
 */
export function awsClient<C extends Client>(client: C): C {
  client.middlewareStack.remove('loggerMiddleware');
  return countCalls(client);
}
