/** One of the sales policy's choices: the id the API takes, the label people read. */
export type Choice = { id: string; label: string };

/** The sales policy's lists the forms offer and the pages name: `choices` of GET /leads/{leadId}. */
export type SalesLists = { holdBackCategories: Choice[]; notInterestedReasons: Choice[] };

export const labelOf = (list: readonly Choice[], id: string | undefined) => list.find((item) => item.id === id)?.label ?? id;
