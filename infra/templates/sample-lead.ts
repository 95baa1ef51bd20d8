/** A made-up recipient a template is previewed with: `label` tells the marketer what is special about it. */
export type SampleLead = { label: string; variables: Record<string, unknown> };
