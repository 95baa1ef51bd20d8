/**
 * Once-only work under at-least-once delivery: whoever claims an id first
 * does the work (sends the email); a redelivery finds the claim and skips it.
 */
export type Claims = {
  claim(purpose: string, id: string): Promise<boolean>;
  /** Gives the claim back when the work failed, so a retry can do it. */
  release(purpose: string, id: string): Promise<void>;
};

/** Does `work` unless it was already done under this claim; a failed attempt gives the claim back for the retry. */
export async function once(claims: Claims, purpose: string, id: string, work: () => Promise<void>): Promise<void> {
  if (!(await claims.claim(purpose, id))) return;
  try {
    await work();
  } catch (error) {
    await claims.release(purpose, id);
    throw error;
  }
}
