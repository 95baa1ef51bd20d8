import type { FrontMatterField, TemplateKind } from '../../functions/email/template-variables.ts';

/** Something wrong in one template file, at a line when one is known (1-based). */
export type LineProblem = { line?: number; reason: string };

export type FrontMatterItem = { text: string; line: number };
export type FrontMatterEntry = { name: string; line: number; value: string | FrontMatterItem[] };

export type SplitTemplate = {
  entries: FrontMatterEntry[];
  /** The MJML, with blank lines where the front matter was, so line numbers stay those of the file. */
  body: string;
  problems: LineProblem[];
};

const fence = /^---\s*$/;

/**
 * Reads the front matter between the opening `---` lines: `name: value` pairs and
 * lists of `- item` lines under a `name:` alone. A tiny subset of YAML on purpose:
 * enough for subjects and conditions, with every mistake pinned to its line.
 */
export function splitFrontMatter(source: string): SplitTemplate {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!fence.test(lines[0] ?? '')) {
    return { entries: [], body: source, problems: [{ line: 1, reason: 'a template starts with front matter: a --- line, subject: …, preheader: …, and a closing --- line' }] };
  }
  const close = lines.findIndex((line, index) => index > 0 && fence.test(line));
  if (close < 0) return { entries: [], body: '', problems: [{ line: 1, reason: 'the front matter has no closing --- line' }] };

  const entries: FrontMatterEntry[] = [];
  const problems: LineProblem[] = [];
  lines.slice(1, close).forEach((text, index) => {
    const line = index + 2;
    if (!text.trim() || text.trimStart().startsWith('#')) return;
    const item = /^\s+-\s+(.*)$/.exec(text);
    const pair = /^([A-Za-z][\w-]*):(?:\s+(.*))?$/.exec(text);
    const last = entries.at(-1);
    if (item && last && Array.isArray(last.value)) last.value.push({ text: unquote(item[1]!.trim()), line });
    else if (item) problems.push({ line, reason: `a "- item" line belongs under a "name:" line with nothing after the colon` });
    else if (!pair) problems.push({ line, reason: `expected "name: value", found "${text.trim()}"` });
    else if (entries.some((entry) => entry.name === pair[1])) problems.push({ line, reason: `${pair[1]} is set twice` });
    else entries.push({ name: pair[1]!, line, value: pair[2]?.trim() ? unquote(pair[2].trim()) : [] });
  });
  return { entries, body: '\n'.repeat(close + 1) + lines.slice(close + 1).join('\n'), problems };
}

/** Checks the fields against what the template's kind takes; conditions may be given as one line. */
export function frontMatterProblems(entries: readonly FrontMatterEntry[], kindName: string, kind: TemplateKind): LineProblem[] {
  const allowed = Object.keys(kind.frontMatter);
  const problems: LineProblem[] = entries.flatMap(({ name, line, value }): LineProblem[] => {
    if (!allowed.includes(name)) return [{ line, reason: `unknown front matter field ${name}: a ${kindName} template takes ${allowed.join(', ')}` }];
    const field = name as FrontMatterField;
    if (field === 'conditions') return [];
    if (typeof value !== 'string') return [{ line, reason: value.length ? `${name} takes one line of text, not a list` : `${name} is empty` }];
    if (field === 'delay' && !isDuration(value)) return [{ line, reason: `delay must be an ISO 8601 duration such as P2D, PT36H or P1W, not "${value}"` }];
    return [];
  });
  for (const [name, need] of Object.entries(kind.frontMatter)) {
    if (need === 'required' && !entries.some((entry) => entry.name === name)) {
      problems.push({ line: 1, reason: `the front matter lacks ${name}` });
    }
  }
  return problems;
}

function isDuration(value: string): boolean {
  return /^P(?:\d+W|(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$/.test(value);
}

// YAML habits: a value wrapped in one pair of quotes means the text inside them.
function unquote(value: string): string {
  return /^"[^"]*"$|^'[^']*'$/.test(value) ? value.slice(1, -1) : value;
}
