import type { LineProblem } from './front-matter.ts';

/**
 * A kind's shared frame, `templates/<kind>/_layout.mjml`: a whole MJML document
 * with one `<stoke-content />` line where each template of the kind goes, so
 * ten tips do not carry ten copies of the head, greeting and footer.
 */
export type Layout = { lines: string[]; slot: number };

/** Where a line of the wrapped document came from. */
export type Origin = { inLayout: boolean; line: number };

const slotLine = /^\s*<stoke-content\s*\/>\s*$/;

export function readLayout(source: string): { layout: Layout } | { problems: LineProblem[] } {
  const lines = source.split(/\r?\n/);
  const slots = lines.flatMap((line, index) => (slotLine.test(line) ? [index] : []));
  const [slot, another] = slots;
  if (slot === undefined) return { problems: [{ reason: 'a layout needs a line holding only <stoke-content />: each template of the folder goes there' }] };
  if (another !== undefined) return { problems: [{ line: another + 1, reason: 'a layout has one <stoke-content /> line, not several' }] };
  return { layout: { lines, slot } };
}

/** The template's MJML put in its layout, and the way back from a line of the result to its file. */
export function wrap(layout: Layout, body: string): { source: string; origin: (line: number) => Origin } {
  const bodyLines = body.split('\n');
  const before = layout.slot;
  const source = [...layout.lines.slice(0, before), ...bodyLines, ...layout.lines.slice(before + 1)].join('\n');
  const origin = (line: number): Origin => {
    if (line <= before) return { inLayout: true, line };
    if (line <= before + bodyLines.length) return { inLayout: false, line: line - before };
    return { inLayout: true, line: line - bodyLines.length + 1 };
  };
  return { source, origin };
}
