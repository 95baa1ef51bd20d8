import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from '../../functions/platform/zod.ts';

/**
 * A JSON file that keeps a piece of the local runtime's state across
 * restarts. Each save writes the whole state to a temporary file, flushes it
 * to disk and renames it over the previous one, so that a crash leaves one
 * state or the other, never half of one. Saves asked for while one is being
 * written are made together by the next write, which reads the state when it
 * starts: a save resolves once everything changed before it is on disk.
 */
export class StateFile {
  #writing: Promise<void> = Promise.resolve();
  #next: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly state: () => unknown,
  ) {}

  save(): Promise<void> {
    this.#next ??= this.#writing
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        this.#writing = this.#write(JSON.stringify(this.state()));
        return this.#writing;
      });
    return this.#next;
  }

  /** Saves without waiting; a failure is logged, and the next save writes the state again. */
  saveSoon(): void {
    this.save().catch((error: unknown) => console.error(JSON.stringify({ level: 'ERROR', message: 'local state not saved', file: this.path, error: String(error) })));
  }

  async #write(text: string): Promise<void> {
    // Saves never overlap, so one temporary name is enough.
    const temporary = `${this.path}.tmp`;
    await mkdir(dirname(this.path), { recursive: true });
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, this.path);
  }
}

/** The state a previous run saved in `path`, or undefined if there is none; a file that does not parse stops the start, naming itself. */
export async function readStateFile<T>(path: string, schema: z.ZodMiniType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON (${(error as Error).message}); npm run reset starts afresh.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${path} does not hold what this runtime saves; npm run reset starts afresh.\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
