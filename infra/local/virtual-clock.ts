import type { Clock } from '../../functions/platform/clock.ts';

/**
 * The local runtime's clock: it runs `timeScale` times faster than real time
 * and can be moved forward, never back, so schedules already fired stay fired.
 */
export class VirtualClock implements Clock {
  #virtualAnchor: number;
  #realAnchor = Date.now();
  #held: boolean;

  /**
   * A `held` clock stands at `start` until released: the runtime holds it
   * while it starts, so that a run resumed from saved time goes on from
   * exactly there, whatever the start-up takes at a high time scale.
   */
  constructor(
    readonly timeScale = 1,
    start: Date = new Date(),
    options: { held?: boolean } = {},
  ) {
    if (!(timeScale > 0)) throw new Error('The time scale must be a positive number');
    this.#virtualAnchor = start.getTime();
    this.#held = options.held ?? false;
  }

  now(): Date {
    return new Date(this.#held ? this.#virtualAnchor : this.#virtualAnchor + (Date.now() - this.#realAnchor) * this.timeScale);
  }

  /** Moves the clock to `time` if that is later than now. */
  moveTo(time: Date): void {
    if (time.getTime() <= this.now().getTime()) return;
    this.#virtualAnchor = time.getTime();
    this.#realAnchor = Date.now();
  }

  /** Lets a held clock run, from where it stands. */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    this.#realAnchor = Date.now();
  }
}
