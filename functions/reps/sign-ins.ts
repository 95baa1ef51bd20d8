/** Who a sign-in is for: the address they sign in with, and the name the desk greets them by. */
export type Invitee = { email: string; name: string };

/**
 * The sales desk's sign-ins of reps (Cognito's user pool on AWS). Every
 * operation may be repeated: a retried request finishes what a failed one
 * began instead of failing on what that one already did.
 */
export type SignIns = {
  /**
   * Creates the person's sign-in in the `rep` group and sends the invitation
   * with a temporary password; `exists` when they already had one, which is
   * then put in the group if it was not.
   */
  invite(invitee: Invitee): Promise<'invited' | 'exists'>;
  /** Stops the person signing in; `no-sign-in` when they never had one (a rep from before the desk). */
  disable(email: string): Promise<'disabled' | 'no-sign-in'>;
  /** Lets the person sign in again; `no-sign-in` when they never had one. */
  enable(email: string): Promise<'enabled' | 'no-sign-in'>;
};
