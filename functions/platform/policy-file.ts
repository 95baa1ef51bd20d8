import * as z from './zod.ts';

/**
 * Parses a policy file, failing with every problem named by its path.
 * `origin` names the file in the message: "The routing policy (…) is invalid";
 * `plural` for files named in the plural ("The engagement rules are invalid").
 */
export function parsePolicy<Schema extends z.ZodMiniType>(schema: Schema, data: unknown, origin: string, { plural = false } = {}): z.output<Schema> {
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`The ${origin} ${plural ? 'are' : 'is'} invalid:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * A policy's check that no two entries of each named list share an id: the
 * ids are what leads store and rules are known by. Each repeat is reported at
 * its own path as `duplicate <noun> "<id>"`.
 */
export function uniqueIds<List extends string>(lists: List | readonly List[], noun = 'id') {
  return z.superRefine((policy: { [Key in List]: ReadonlyArray<{ id: string }> }, ctx) => {
    for (const list of typeof lists === 'string' ? [lists] : lists) {
      const seen = new Set<string>();
      policy[list].forEach(({ id }, index) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: `duplicate ${noun} "${id}"` });
        seen.add(id);
      });
    }
  });
}

/**
 * The error of an object in a policy: "is required" or "must be an object"
 * when it is missing or no object, and zod's own message otherwise, which
 * names a misspelt key.
 */
export const anObject = { error: (issue: { code?: string; input: unknown }) => (issue.code !== 'invalid_type' ? undefined : issue.input === undefined ? 'is required' : 'must be an object') };
