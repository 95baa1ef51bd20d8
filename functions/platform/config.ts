import * as z from './zod.ts';

/**
 * Reads a function's configuration from its environment once, at cold start.
 * A missing or malformed value stops the function with the variable's name.
 */
export function readConfig<Schema extends z.ZodMiniType>(schema: Schema, env: NodeJS.ProcessEnv = process.env): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (!result.success) throw new Error(`Invalid configuration:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** A comma-separated list in one variable, blank entries dropped. */
export const commaList = z.pipe(
  z._default(z.string(), ''),
  z.transform((value: string) => value.split(',').map((item) => item.trim()).filter(Boolean)),
);
