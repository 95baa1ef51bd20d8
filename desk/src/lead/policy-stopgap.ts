// TEMPORARY, until the API serves the sales policy's lists (asked for: e.g. `GET /sales-policy`
// or the lists inside `GET /leads/{leadId}`). Copied by hand from
// functions/sales/default-sales-policy.json (version 2026-11-30): a policy changed there is NOT
// seen here. The API stays the judge: an id it does not know is answered 400 with the accepted
// ids, which the form shows beside the field.
export const holdBackCategoriesStopgap: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'budget', label: 'Budget' },
  { id: 'timing', label: 'Timing' },
  { id: 'authority', label: 'Waiting for approval' },
  { id: 'need-unclear', label: 'Need not clear yet' },
  { id: 'evaluating-competitor', label: 'Evaluating a competitor' },
  { id: 'no-response-yet', label: 'No response yet' },
];

export const notInterestedReasonsStopgap: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'no-budget-now', label: 'No budget now' },
  { id: 'bought-elsewhere', label: 'Bought elsewhere' },
  { id: 'timing-later', label: 'Maybe later' },
  { id: 'not-a-fit', label: 'Not a fit' },
  { id: 'unreachable', label: 'Unreachable' },
  { id: 'do-not-contact', label: 'Asked not to be contacted' },
];

export const labelOf = (list: ReadonlyArray<{ id: string; label: string }>, id: string | undefined) => list.find((item) => item.id === id)?.label ?? id;
