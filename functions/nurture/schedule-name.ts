/** The pending nurture schedule of a lead: one name per schedule made, so a stale one can be told apart. */
export function nurtureScheduleName(leadId: string, seq: number): string {
  return `nt-${leadId}-${seq}`;
}
