/**
 * Unexpected failures, each with a stable code. The HTTP edge maps them to
 * statuses in one place (http-errors.ts); expected outcomes are data, not errors.
 */
export class StokeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type FieldError = { field: string; message: string };

/** The request is not acceptable as sent; `fields` says what to fix. */
export class InvalidRequestError extends StokeError {
  constructor(
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super('invalid-request', message);
  }
}

export class PayloadTooLargeError extends StokeError {
  constructor(limitBytes: number) {
    super('payload-too-large', `The body must be at most ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaTypeError extends StokeError {
  constructor(readonly mediaType: string, supported: readonly string[]) {
    super('unsupported-media-type', `Send the body as ${supported.join(' or ')}`);
  }
}

/** A dependency (DynamoDB, EventBridge) failed after its retries: the caller should retry. */
export class DependencyUnavailableError extends StokeError {
  constructor(dependency: string, cause: unknown) {
    super('dependency-unavailable', `${dependency} is unavailable; please retry`, { cause });
  }
}

/** Optimistic locking lost too many races in a row. */
export class ConcurrentUpdateError extends StokeError {
  constructor(entity: string) {
    super('concurrent-update', `${entity} is being changed by another request; please retry`);
  }
}

/** No signed-in person: the route was reached without the claims API Gateway's authorizer adds. */
export class UnauthenticatedError extends StokeError {
  constructor() {
    super('unauthenticated', 'Sign in to use this part of Stoke');
  }
}

/** No route of the function answers this method and path: the API and the function's route table disagree. */
export class RouteNotServedError extends StokeError {
  constructor(route: string) {
    super('method-not-allowed', `${route} is not served here`);
  }
}

/**
 * Why a use case declined a request, returned as data: someone else's
 * (or no) permission, no such thing, or a change its state forbids.
 * http-errors.ts decides what each becomes in HTTP.
 */
export type Refusal = 'forbidden' | 'not-found' | 'conflict';

/** The signed-in person lacks the group the action needs. */
export class ForbiddenError extends StokeError {
  constructor(group: string) {
    super('forbidden', `Only members of the ${group} group may do this`);
  }
}
