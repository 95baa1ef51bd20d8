/** Work started by the local runtime that has not finished: event deliveries and schedule runs. */
export type InFlight = Set<Promise<unknown>>;

export function track(inFlight: InFlight, work: Promise<unknown>): void {
  // The work reports its own failures (logs, dead letters); settling must not throw them again.
  const tracked: Promise<unknown> = work.catch(() => undefined).finally(() => inFlight.delete(tracked));
  inFlight.add(tracked);
}

/** Waits until nothing is in flight, including work started by the work being waited for. */
export async function settle(inFlight: InFlight): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
