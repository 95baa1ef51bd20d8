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
