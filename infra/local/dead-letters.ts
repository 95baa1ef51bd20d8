/** An event or schedule invocation that failed every attempt, kept for /_local/dead-letters. */
export type DeadLetter = {
  kind: 'event' | 'schedule';
  /** Rule or schedule name. */
  source: string;
  target: string;
  at: string;
  attempts: number;
  error: string;
  payload: unknown;
};

export class DeadLetters {
  readonly entries: DeadLetter[] = [];

  add(letter: DeadLetter): void {
    this.entries.push(letter);
    console.error(JSON.stringify({ level: 'ERROR', message: 'dead letter', ...letter, payload: undefined }));
  }
}

/**
 * Calls `attempt` up to `times` times until it succeeds, as the bus and the
 * scheduler retry a target: undefined once it did, else what a dead letter says.
 */
export async function withAttempts(times: number, attempt: () => Promise<unknown>): Promise<{ attempts: number; error: string } | undefined> {
  let error: unknown;
  for (let n = 1; n <= times; n++) {
    try {
      await attempt();
      return undefined;
    } catch (thrown) {
      error = thrown;
    }
  }
  return { attempts: times, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
