import { ForTag, type Liquid, LiquidError, TablerowTag, type Template, type Token, toValueSync, TypeGuards, type Variable } from 'liquidjs';
import type { Shape } from '../../functions/email/template-variables.ts';
import type { LineProblem } from './front-matter.ts';

// A loop alias maps to its items' shape; undefined when the loop runs over something the check cannot follow.
type Scope = ReadonlyMap<string, Shape | undefined>;
type Loop = ForTag | TablerowTag;
type Resolved = { shape: Shape | undefined } | { problem: string };

/**
 * Parses `source` as Liquid and checks every variable it reads against `variables`,
 * following `{% for %}` aliases into the items of lists. `firstLine` is the line of
 * the file the source starts on.
 */
export function liquidProblems(liquid: Liquid, source: string, variables: Readonly<Record<string, Shape>>, firstLine = 1): LineProblem[] {
  let templates: Template[];
  try {
    templates = liquid.parse(source);
  } catch (error) {
    if (!(error instanceof LiquidError)) throw error;
    return [{ line: rowOf(error.token) + firstLine - 1, reason: error.message.replace(/, (?:file:.*?, )?line:\d+, col:\d+$/, '') }];
  }
  return variableProblems(liquid, templates, new Map(Object.entries(variables))).map(({ line, reason }) => ({
    line: line + firstLine - 1,
    reason,
  }));
}

function variableProblems(liquid: Liquid, templates: Template[], scope: Scope, alias?: string): Array<{ line: number; reason: string }> {
  const { globals } = liquid.analyzeSync(templates, { partials: false });
  const problems = Object.values(globals)
    .flat()
    .flatMap((variable) => {
      const root = variable.segments[0];
      // A loop body's pass checks its own alias only: the enclosing pass owns every other name.
      if (typeof root !== 'string' || (alias !== undefined && root !== alias)) return [];
      const reason = pathProblem(variable, root, scope);
      return reason ? [{ line: variable.location.row, reason }] : [];
    });
  for (const loop of loopsIn(templates)) {
    const item = loopItem(liquid, loop, scope);
    if ('problem' in item) problems.push({ line: rowOf(loop.token), reason: item.problem });
    const inner = new Map(scope).set(loop.variable, 'shape' in item ? item.shape : undefined);
    problems.push(...variableProblems(liquid, loop.templates, inner, loop.variable));
  }
  return problems;
}

function pathProblem(variable: Variable, root: string, scope: Scope): string | undefined {
  if (!scope.has(root)) return `unknown variable ${variable}: this kind of template can use ${[...scope.keys()].join(', ')}`;
  const found = resolve(scope.get(root), root, variable.segments.slice(1));
  return 'problem' in found ? `unknown variable ${variable}: ${found.problem}` : undefined;
}

function resolve(start: Shape | undefined, root: string, segments: Variable['segments']): Resolved {
  let shape = start;
  let path = root;
  for (const segment of segments) {
    if (shape === undefined) break;
    const name = typeof segment === 'string' ? segment : `[${segment}]`;
    if (isList(shape)) {
      if (segment === 'size') shape = 'number';
      else if (segment === 'first' || segment === 'last' || typeof segment !== 'string') shape = shape[0];
      else return { problem: `${path} is a list: loop over it with {% for %}, or read its first, last or size` };
    } else if (typeof shape === 'string') {
      if (segment !== 'size') return { problem: `${path} is ${shape} and has no ${name}` };
      shape = 'number';
    } else {
      if (typeof segment !== 'string' || !Object.hasOwn(shape, segment)) {
        return { problem: `${path} has no ${name}; it has ${Object.keys(shape).join(', ')}` };
      }
      shape = shape[segment];
    }
    path = typeof segment === 'string' ? `${path}.${segment}` : `${path}${name}`;
  }
  return { shape };
}

function loopItem(liquid: Liquid, loop: Loop, scope: Scope): Resolved {
  if (TypeGuards.isRangeToken(loop.collection)) return { shape: 'number' };
  const text = loop.collection.getText();
  const [variable] = Object.values(liquid.analyzeSync(liquid.parse(`{{ ${text} }}`)).variables).flat();
  const root = variable?.segments[0];
  if (!variable || typeof root !== 'string' || !scope.has(root)) return { shape: undefined };
  const found = resolve(scope.get(root), root, variable.segments.slice(1));
  if ('problem' in found || found.shape === undefined) return { shape: undefined };
  return isList(found.shape) ? { shape: found.shape[0] } : { problem: `${text} is not a list: a loop needs one` };
}

// Loops nested in a loop body are found by the pass over that body.
function* loopsIn(templates: Template[]): Generator<Loop> {
  for (const template of templates) {
    if (template instanceof ForTag || template instanceof TablerowTag) {
      yield template;
      if (template instanceof ForTag) yield* loopsIn(template.elseTemplates);
    } else if (template.children) {
      yield* loopsIn(toValueSync(template.children(false, true)));
    }
  }
}

function rowOf(token: Token): number {
  return token.getPosition()[0] ?? 1;
}

function isList(shape: Shape): shape is readonly [Shape] {
  return Array.isArray(shape);
}
