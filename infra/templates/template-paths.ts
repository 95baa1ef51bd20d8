import { sep } from 'node:path';

/** A template's id: its path under templates/ without `.mjml`, with `/` on every platform. */
export function templateId(file: string): string {
  return file.slice(0, -'.mjml'.length).split(sep).join('/');
}

/** The first folder of the id, which names the template's kind. */
export function kindOf(id: string): string {
  return id.includes('/') ? id.slice(0, id.indexOf('/')) : '';
}

// `_` marks what is not an email: the layout, or a step parked by its author.
export function isHidden(id: string): boolean {
  return id.split('/').some((name) => name.startsWith('_'));
}

export function isLayout(id: string): boolean {
  return /^[^/]+\/_layout$/.test(id);
}

const stepPath = /^[a-z0-9]+(?:-[a-z0-9]+)*\/\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why the id cannot be a step of a sequence kind, or undefined when it can: `<kind>/<track>/<NN>-<slug>`. */
export function stepPathProblem(id: string): string | undefined {
  const kindName = kindOf(id);
  if (stepPath.test(id.slice(kindName.length + 1))) return undefined;
  return `a ${kindName} step lives in a folder named for its track, and its name starts with its two-digit place in the track: ${kindName}/<track>/<NN>-<slug>.mjml in lowercase, such as ${kindName}/warm/01-first-reply-wins.mjml`;
}

/** The steps numbered like an earlier one of the same track: almost always a copied file. */
export function sharedStepNumbers(stepIds: readonly string[]): Map<string, string> {
  const first = new Map<string, string>();
  const shared = new Map<string, string>();
  for (const id of stepIds) {
    const place = /^(.+\/\d{2})-/.exec(id)?.[1];
    if (!place) continue;
    const earlier = first.get(place);
    if (earlier) shared.set(id, `${id} has the same number as ${earlier}: give every step of a track its own number`);
    else first.set(place, id);
  }
  return shared;
}
