import type { Clock } from '../../functions/platform/clock.ts';

/**
 * The local runtime's clock: it runs `timeScale` times faster than real time
 * and can be moved forward, never back, so schedules already fired stay fired.
 */
export class VirtualClock implements Clock {
  #virtualAnchor: number;
  #realAnchor = Date.now();

  constructor(
    readonly timeScale = 1,
    start: Date = new Date(),
  ) {
    if (!(timeScale > 0)) throw new Error('The time scale must be a positive number');
    this.#virtualAnchor = start.getTime();
  }

  now(): Date {
    return new Date(this.#virtualAnchor + (Date.now() - this.#realAnchor) * this.timeScale);
  }

  /** Moves the clock to `time` if that is later than now. */
  moveTo(time: Date): void {
    if (time.getTime() <= this.now().getTime()) return;
    this.#virtualAnchor = time.getTime();
    this.#realAnchor = Date.now();
  }
}
