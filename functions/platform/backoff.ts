/**
 * Waits before another optimistic attempt: exponential with full jitter, so
 * writers that lost the same race do not collide again on the next try.
 */
export function backoff(attempt: number, baseMs = 20, capMs = 1000): Promise<void> {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
