import type * as z from './zod.ts';
import type { FieldError } from './errors.ts';

/** One plain message per bad field, in the order the fields are declared. */
export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}
