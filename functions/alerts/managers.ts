import type { Rep } from '../routing/rep.ts';

/**
 * The managers Stoke can tell: the distinct managers of active reps, as the
 * weekly review counts them. The roster keeps managers only as addresses.
 */
export function managersOf(reps: readonly Rep[]): string[] {
  return [...new Set(reps.filter((rep) => rep.active).map((rep) => rep.managerEmail.toLowerCase()))];
}
