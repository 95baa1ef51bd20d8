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

/** What a replay did: the letters delivered and removed, and those that failed again and stay, with their new error. */
export type Replay = { replayed: DeadLetter[]; failed: DeadLetter[] };

export class DeadLetters {
  readonly entries: DeadLetter[] = [];

  add(letter: DeadLetter): void {
    this.entries.push(letter);
    console.error(JSON.stringify({ level: 'ERROR', message: 'dead letter', ...letter, payload: undefined }));
  }

  /**
   * Delivers the oldest `limit` letters again, one after another, once each,
   * as an operator replays the deployed queue after a fix: not another round
   * of retries. Letters that fail meanwhile are added after them.
   */
  async replay(redeliver: (letter: DeadLetter) => Promise<unknown>, limit = this.entries.length): Promise<Replay> {
    const replay: Replay = { replayed: [], failed: [] };
    for (const letter of this.entries.slice(0, limit)) {
      const failure = await withAttempts(1, () => redeliver(letter));
      if (failure) {
        letter.attempts += 1;
        letter.error = failure.error;
        replay.failed.push(letter);
        console.error(JSON.stringify({ level: 'ERROR', message: 'dead letter replay failed', ...letter, payload: undefined }));
      } else {
        this.entries.splice(this.entries.indexOf(letter), 1);
        replay.replayed.push(letter);
      }
    }
    return replay;
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
