/**
 * The ports whose adapters the simulator's in-memory engine puts in place of
 * the AWS ones. Handlers build their adapters once per process, when their
 * module loads, so the engine sets them before it loads any handler: as
 * `useClock` puts the virtual clock in place of the real one. On Lambda
 * nothing is ever set, and every port gets its AWS adapter.
 */
export type Port = 'leads' | 'reps' | 'claims' | 'schedules' | 'mailer' | 'events' | 'snapshots' | 'privacy' | 'signIns' | 'figures' | 'brake';

let replacements: Partial<Record<Port, unknown>> = {};

export function useAdapters(adapters: Partial<Record<Port, unknown>>): void {
  replacements = adapters;
}

/** The adapter the engine put in place for this port, or else the AWS one `aws` builds. */
export function adapter<Adapter>(port: Port, aws: () => Adapter): Adapter {
  return (replacements[port] as Adapter | undefined) ?? aws();
}
