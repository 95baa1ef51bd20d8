// Apart from scoring-model.ts: the policies and events that name a temperature would otherwise
// build the scoring model's schemas at every cold start, in functions that never parse a model.
export const temperatures = ['hot', 'warm', 'cold'] as const;
export type Temperature = (typeof temperatures)[number];
