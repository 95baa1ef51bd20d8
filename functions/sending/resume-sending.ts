import type { EventPublisher } from '../events/event-publisher.ts';
import { sendingResumed } from '../events/sending-resumed.ts';
import type { Outcome } from '../platform/http-errors.ts';
import type { BrakeState, BrakeStore } from './brake-store.ts';

export type SendingDeps = { brake: BrakeStore; events: EventPublisher; now(): Date };

/** Marketing's sending as the desk shows it: running or paused (with why), and how many sends wait. */
export type SendingView = BrakeState & { waiting: number };

export async function sendingView(deps: Pick<SendingDeps, 'brake'>): Promise<SendingView> {
  const [state, held] = await Promise.all([deps.brake.state('marketing'), deps.brake.held('marketing')]);
  return { ...state, waiting: held.length };
}

/**
 * A manager resumes marketing's sends: the brake is released, and the
 * announcement sends again what waited, each in its lead's send window.
 * Asked again while sends still wait (the announcement failed, or a send was
 * held in the moment of resuming), it announces again: releasing is safe to repeat.
 */
export async function resumeSending(by: string, deps: SendingDeps): Promise<Outcome<SendingView>> {
  const at = deps.now().toISOString();
  const resumed = await deps.brake.resume('marketing', by, at);
  if (resumed === 'not paused' && (await deps.brake.held('marketing')).length === 0) {
    return { ok: false, refusal: 'conflict', message: 'Marketing email is not paused, and no send is waiting.' };
  }
  await deps.events.publish(sendingResumed, { version: 1, stream: 'marketing', by, at });
  return { ok: true, value: await sendingView(deps) };
}
