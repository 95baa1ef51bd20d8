// Amazon EventBridge event pattern matching, as documented in the EventBridge user guide
// ("Event patterns", "Arrays in event patterns", "Content filtering in event patterns").
// The behaviour the guide leaves open follows aws/event-ruler, the matcher EventBridge runs.
import { BlockList, isIP } from 'node:net';

type Scalar = string | number | boolean | null;
type IgnoreCase = { 'equals-ignore-case': string };
type NumericOp = '=' | '<' | '<=' | '>' | '>=';
type StringOp = 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';
type Strings = string | string[];

export type Matcher =
  | Scalar
  | { prefix: string | IgnoreCase }
  | { suffix: string | IgnoreCase }
  | IgnoreCase
  | { wildcard: string }
  | { 'anything-but': string | number | string[] | number[] | { [op in StringOp]?: Strings } }
  | { numeric: [NumericOp, number] | [NumericOp, number, NumericOp, number] }
  | { exists: boolean }
  | { cidr: string };

/** A rule's event pattern in its rendered (CloudFormation/API) form. */
export interface EventPattern {
  [field: string]: Matcher[] | EventPattern | EventPattern[];
}

const OR = '$or';

const COMPARE: Record<NumericOp, (value: number, bound: number) => boolean> = {
  '=': (value, bound) => value === bound,
  '<': (value, bound) => value < bound,
  '<=': (value, bound) => value <= bound,
  '>': (value, bound) => value > bound,
  '>=': (value, bound) => value >= bound,
};

// Which array element (by index) a value sits in, for every array on its path.
type Elements = ReadonlyMap<number, number>;
type Field = { value: Scalar; elements: Elements };
type Condition = { path: string; matchers: Matcher[] };

/** Whether the event matches the pattern. Pass a pattern that `validatePattern` accepted. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  if (!isRecord(event)) return false;
  const fields = leafFields(event);
  return alternatives(pattern, []).some((conditions) =>
    // Absence is judged last so that it is checked within the array elements the other fields matched in.
    satisfiable(conditions.toSorted((a, b) => Number(hasAbsence(a)) - Number(hasAbsence(b))), fields, new Map()),
  );
}

/** Returns the pattern typed, or throws an Error that names the offending field. */
export function validatePattern(pattern: unknown): EventPattern {
  validateObject(pattern, []);
  return pattern as EventPattern;
}

// Like EventBridge, matching sees only leaf values: arrays are flattened and objects are paths, so
// `exists` works on leaves only and an empty array holds no value at all.
function leafFields(event: Record<string, unknown>): Map<string, Field[]> {
  const fields = new Map<string, Field[]>();
  let arrays = 0;
  const visit = (node: unknown, path: string[], elements: Elements): void => {
    if (Array.isArray(node)) {
      const array = arrays++;
      node.forEach((element, index) => visit(element, path, new Map(elements).set(array, index)));
    } else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) visit(value, [...path, key], elements);
    } else if (isScalar(node)) {
      const key = pathKey(path);
      const field = { value: node, elements };
      const existing = fields.get(key);
      if (existing) existing.push(field);
      else fields.set(key, [field]);
    }
  };
  visit(event, [], new Map());
  return fields;
}

// Flattens the pattern into its leaf conditions, one list per combination of `$or` branches.
function alternatives(pattern: EventPattern, path: string[]): Condition[][] {
  let result: Condition[][] = [[]];
  for (const [key, value] of Object.entries(pattern)) {
    // validatePattern guarantees `$or` holds patterns and every other array holds matchers.
    const options = !Array.isArray(value)
      ? alternatives(value, [...path, key])
      : key === OR
        ? (value as EventPattern[]).flatMap((branch) => alternatives(branch, path))
        : [[{ path: pathKey([...path, key]), matchers: value as Matcher[] }]];
    result = result.flatMap((conditions) => options.map((option) => [...conditions, ...option]));
  }
  return result;
}

// Values matched by different fields must come from the same element of any array they share, so
// `{ a: { b: [1], c: [2] } }` does not match `{ a: [{ b: 1 }, { c: 2 }] }` (event-ruler's array consistency).
function satisfiable(conditions: Condition[], fields: Map<string, Field[]>, elements: Elements): boolean {
  const [condition, ...rest] = conditions;
  if (condition === undefined) return true;
  const candidates = (fields.get(condition.path) ?? []).flatMap((field) => {
    const merged = merge(elements, field.elements);
    return merged ? [{ value: field.value, elements: merged }] : [];
  });
  return condition.matchers.some((matcher) =>
    isAbsence(matcher)
      ? candidates.length === 0 && satisfiable(rest, fields, elements)
      : candidates.some((field) => matches(matcher, field.value) && satisfiable(rest, fields, field.elements)),
  );
}

function merge(a: Elements, b: Elements): Elements | undefined {
  for (const [array, index] of b) if (a.has(array) && a.get(array) !== index) return undefined;
  return new Map([...a, ...b]);
}

function matches(matcher: Matcher, value: Scalar): boolean {
  if (matcher === null || typeof matcher !== 'object') return matcher === value;
  if ('prefix' in matcher) return testString('prefix', matcher.prefix, value);
  if ('suffix' in matcher) return testString('suffix', matcher.suffix, value);
  if ('equals-ignore-case' in matcher) return testString('equals-ignore-case', matcher['equals-ignore-case'], value);
  if ('wildcard' in matcher) return testString('wildcard', matcher.wildcard, value);
  if ('numeric' in matcher) {
    const [op, bound, upperOp, upperBound] = matcher.numeric;
    return typeof value === 'number' && compare(value, op, bound) && compare(value, upperOp, upperBound);
  }
  if ('cidr' in matcher) return typeof value === 'string' && inSubnet(matcher.cidr, value);
  // Absence never gets here: satisfiable decides it from the fields that are missing.
  if ('exists' in matcher) return matcher.exists;
  const excluded = matcher['anything-but'];
  if (typeof excluded !== 'object') return value !== excluded;
  if (Array.isArray(excluded)) return !(excluded as Scalar[]).includes(value);
  return !Object.entries(excluded).some(([op, operands]) =>
    [operands ?? []].flat().some((operand) => testString(op as StringOp, operand, value)),
  );
}

// An absent upper bound constrains nothing.
function compare(value: number, op: NumericOp | undefined, bound: number | undefined): boolean {
  return op === undefined || bound === undefined || COMPARE[op](value, bound);
}

// String operators never match numbers, booleans or null; so `anything-but` of one always does.
function testString(op: StringOp, operand: string | IgnoreCase, value: Scalar): boolean {
  if (typeof value !== 'string') return false;
  if (typeof operand !== 'string') {
    return testString(op, operand['equals-ignore-case'].toLowerCase(), value.toLowerCase());
  }
  switch (op) {
    case 'prefix':
      return value.startsWith(operand);
    case 'suffix':
      return value.endsWith(operand);
    case 'equals-ignore-case':
      return value.toLowerCase() === operand.toLowerCase();
    case 'wildcard':
      return wildcardRegExp(operand).test(value);
  }
}

// `*` matches any run of characters, including none; `\*` and `\\` are the only escapes allowed.
function wildcardRegExp(wildcard: string): RegExp {
  const source = wildcard.replace(/\\[\s\S]?|\*\*?|[^\\*]+/g, (token, position: number) => {
    if (token === '*') return '[\\s\\S]*';
    if (token === '**') throw new Error(`has consecutive wildcard characters at position ${position}`);
    if (token === '\\*' || token === '\\\\') return escapeRegExp(token.slice(1));
    if (token.startsWith('\\')) throw new Error(`has an invalid escape at position ${position}; only \\* and \\\\ are allowed`);
    return escapeRegExp(token);
  });
  return new RegExp(`^${source}$`);
}

function subnet(cidr: string): BlockList {
  const parts = cidr.split('/');
  const [address = '', bits = ''] = parts;
  const family = ipFamily(address);
  const maxBits = family === 'ipv6' ? 128 : 32;
  if (parts.length !== 2 || family === undefined || !/^\d+$/.test(bits) || Number(bits) > maxBits) {
    throw new Error(`must be a CIDR block such as "10.0.0.0/24", got "${cidr}"`);
  }
  const list = new BlockList();
  list.addSubnet(address, Number(bits), family);
  return list;
}

function inSubnet(cidr: string, address: string): boolean {
  const family = ipFamily(address);
  return family !== undefined && subnet(cidr).check(address, family);
}

function ipFamily(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

function validateObject(node: unknown, path: string[]): void {
  if (!isRecord(node)) fail(path, 'must be an object');
  const entries = Object.entries(node);
  if (entries.length === 0) fail(path, 'must not be an empty object');
  for (const [key, value] of entries) {
    if (key === OR) {
      if (!Array.isArray(value) || value.length < 2) fail([...path, key], 'must be an array of at least two patterns');
      value.forEach((branch, index) => validateObject(branch, [...path, `${key}[${index}]`]));
    } else if (Array.isArray(value)) {
      if (value.length === 0) fail([...path, key], 'must not be an empty array');
      for (const matcher of value) validateMatcher(matcher, [...path, key]);
    } else if (isRecord(value)) {
      validateObject(value, [...path, key]);
    } else {
      fail([...path, key], 'must be an array of values to match or a nested object');
    }
  }
}

function validateMatcher(matcher: unknown, path: string[]): void {
  if (isScalar(matcher)) return;
  if (!isRecord(matcher)) fail(path, `${JSON.stringify(matcher)} is not a value or a match expression`);
  const [entry, ...others] = Object.entries(matcher);
  if (entry === undefined || others.length > 0) fail(path, 'a match expression must have exactly one operator');
  const [op, operand] = entry;
  const check = OPERAND_CHECKS.get(op);
  if (check === undefined) fail(path, `"${op}" is not a known operator`);
  const problem = check(operand);
  if (problem !== undefined) fail(path, `"${op}" ${problem}`);
}

const OPERAND_CHECKS = new Map<string, (operand: unknown) => string | undefined>([
  ['prefix', (operand) => (isIgnoreCase(operand) ? undefined : checkString('prefix', operand))],
  ['suffix', (operand) => (isIgnoreCase(operand) ? undefined : checkString('suffix', operand))],
  ['equals-ignore-case', (operand) => checkString('equals-ignore-case', operand)],
  ['wildcard', (operand) => checkString('wildcard', operand)],
  ['cidr', (operand) => checkString('cidr', operand)],
  ['exists', (operand) => (typeof operand === 'boolean' ? undefined : 'must be true or false')],
  ['numeric', checkNumeric],
  ['anything-but', checkAnythingBut],
]);

function checkString(op: string, operand: unknown): string | undefined {
  if (typeof operand !== 'string') return 'must be a string';
  try {
    if (op === 'wildcard') wildcardRegExp(operand);
    if (op === 'cidr') subnet(operand);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function checkNumeric(operand: unknown): string | undefined {
  const shape = 'must be [op, number] or [">" | ">=", number, "<" | "<=", number] with op one of =, <, <=, >, >=';
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) return shape;
  const [op, bound, upperOp, upperBound] = operand as unknown[];
  if (typeof op !== 'string' || !Object.hasOwn(COMPARE, op) || typeof bound !== 'number') return shape;
  if (operand.length === 2) return undefined;
  if ((op !== '>' && op !== '>=') || (upperOp !== '<' && upperOp !== '<=') || typeof upperBound !== 'number') return shape;
  return bound < upperBound ? undefined : 'lower bound must be less than the upper bound';
}

function checkAnythingBut(operand: unknown): string | undefined {
  if (typeof operand === 'string' || typeof operand === 'number') return undefined;
  if (Array.isArray(operand)) {
    const oneType = ['string', 'number'].some((type) => operand.every((value) => typeof value === type));
    return operand.length > 0 && oneType ? undefined : 'list must be non-empty and hold only strings or only numbers';
  }
  const [entry, ...others] = isRecord(operand) ? Object.entries(operand) : [];
  if (entry === undefined || others.length > 0 || !NEGATABLE.includes(entry[0])) {
    return `must be a string, a number, a list of either, or one of ${NEGATABLE.join(', ')}`;
  }
  const [op, operands] = entry;
  const values: unknown[] = [operands].flat();
  if (values.length === 0) return `"${op}" must not be an empty list`;
  return values.map((value) => checkString(op, value)).find((problem) => problem !== undefined);
}

const NEGATABLE = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'];

function isIgnoreCase(value: unknown): value is IgnoreCase {
  return isRecord(value) && Object.keys(value).length === 1 && typeof value['equals-ignore-case'] === 'string';
}

function isAbsence(matcher: Matcher): boolean {
  return matcher !== null && typeof matcher === 'object' && 'exists' in matcher && !matcher.exists;
}

function hasAbsence(condition: Condition): boolean {
  return condition.matchers.some(isAbsence);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

// JSON keeps keys containing dots apart from nested keys.
function pathKey(path: string[]): string {
  return JSON.stringify(path);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function fail(path: string[], message: string): never {
  throw new Error(`Invalid event pattern at ${path.length === 0 ? 'the top level' : `"${path.join('.')}"`}: ${message}`);
}
