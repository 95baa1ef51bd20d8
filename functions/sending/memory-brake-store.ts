import type { EmailStream } from '../email/email-streams.ts';
import type { BrakeState, BrakeStore, Held } from './brake-store.ts';

/** The brake in process memory, with the table's first-wins semantics: for fast tests and the simulator. */
export function memoryBrakeStore(): BrakeStore {
  const states = new Map<EmailStream, BrakeState>();
  const waiting = new Map<EmailStream, Map<string, Held>>();
  const heldOf = (stream: EmailStream) => waiting.get(stream) ?? waiting.set(stream, new Map()).get(stream)!;
  return {
    async state(stream) {
      return structuredClone(states.get(stream) ?? { status: 'running' });
    },
    async pause(stream, paused) {
      if (states.get(stream)?.status === 'paused') return 'already paused';
      states.set(stream, { status: 'paused', paused: structuredClone(paused) });
      return 'paused';
    },
    async resume(stream, by, at) {
      const state = states.get(stream);
      if (state?.status !== 'paused') return 'not paused';
      states.set(stream, { status: 'running', resumed: { by, at, paused: state.paused } });
      return 'resumed';
    },
    async hold(stream, held) {
      heldOf(stream).set(held.leadId, structuredClone(held));
    },
    async held(stream) {
      return [...heldOf(stream).values()].map((held) => structuredClone(held)).sort((a, b) => a.at.localeCompare(b.at) || a.leadId.localeCompare(b.leadId));
    },
    async release(stream, leadId) {
      heldOf(stream).delete(leadId);
    },
  };
}
