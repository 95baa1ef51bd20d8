import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { FunctionName } from '../../infra/wiring/functions.ts';
import { routes } from '../../infra/wiring/routes.ts';
import { type Caller, callerOf, requireGroup } from './caller.ts';
import { RouteNotServedError } from '../platform/errors.ts';

type RoutesOf<F extends FunctionName> = Extract<(typeof routes)[number], { function: F }>;

/** `METHOD /path` of each route of a function in infra/wiring/routes.ts. */
export type RouteKey<F extends FunctionName> = RoutesOf<F> extends infer Route
  ? Route extends { method: infer Method extends string; path: infer Path extends string }
    ? `${Method} ${Path}`
    : never
  : never;

export type RouteAnswer = (event: APIGatewayProxyEvent, caller: Caller) => Promise<APIGatewayProxyResult>;

/**
 * A function's signed-in routes, dispatched from the route table: one answer
 * per route the table gives the function (the compiler checks none is missing).
 * A route for one group is refused to everyone else here; a route for several
 * groups is left to the answer, which decides per lead and audits what it refuses.
 */
export function routeTable<F extends FunctionName>(
  name: F,
  answers: NoInfer<Record<RouteKey<F>, RouteAnswer>>,
): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  const served = new Map<string, { access: (typeof routes)[number]['access']; answer: RouteAnswer }>();
  for (const route of routes.filter((route) => route.function === name)) {
    if (route.access === 'public') throw new Error(`${route.method} ${route.path} is public: routeTable serves signed-in routes only`);
    const key = `${route.method} ${route.path}`;
    const answer = (answers as Record<string, RouteAnswer>)[key];
    if (!answer) throw new Error(`The ${name} function does not answer ${key}`);
    served.set(key, { access: route.access, answer });
  }
  return async (event) => {
    const key = `${event.httpMethod} ${event.resource}`;
    const caller = callerOf(event);
    const route = served.get(key);
    if (!route) throw new RouteNotServedError(key);
    if (typeof route.access === 'string') requireGroup(caller, route.access as Exclude<typeof route.access, 'public'>);
    return route.answer(event, caller);
  };
}
