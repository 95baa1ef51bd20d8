/** One line of a lead's activity history: what happened, when, and by whom. */
export type HistoryEntry = {
  type:
    | 'captured'
    | 're-inquired'
    | 'assigned'
    | 'handoff-emailed'
    | 'deadline-reminded'
    | 'deadline-escalated'
    | 'previous-owner-told'
    | 'manager-told'
    | 'contact-logged'
    | 'step-skipped'
    | 'next-step-set'
    | 'status-changed'
    | 'nurture-enrolled'
    | 'nurture-confirmation-sent'
    | 'nurture-sent'
    | 'nurture-deferred'
    | 'nurture-held'
    | 'nurture-resumed'
    | 'nurture-exited'
    | 'subscription-confirmed'
    | 'unsubscribed'
    | 'scored'
    | 'suppressed'
    | 'bounced-transient'
    | 'recycled'
    | 'merged';
  at: string;
  /** Who did it: `lead` for the person's own actions, a rep's id, or `stoke`. */
  by: string;
  details: Record<string, unknown>;
};
