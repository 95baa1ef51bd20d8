/** The answers a lead can give about their purchase: forms ask for them, scoring and routing rules name them. */
export const budgets = ['none', 'under-10k', '10k-50k', '50k-250k', '250k-plus'] as const;
export const authorities = ['decision-maker', 'influencer', 'user', 'student', 'other'] as const;
export const timelines = ['now', '3m', '6m', '12m', 'none'] as const;
/** How sales reaches a lead: contacts are logged, and plan touches planned, by these. */
export const channels = ['call', 'email', 'meeting'] as const;

export type Budget = (typeof budgets)[number];
export type Authority = (typeof authorities)[number];
export type Timeline = (typeof timelines)[number];
export type Channel = (typeof channels)[number];
