import type { DeadLetter, Replay } from '../local/dead-letters.ts';
import type { ReplayOptions, ReplaySummary } from './replay-queue.ts';

/**
 * Replays the local runtime's dead letters through its `/_local/` contract:
 * `POST /_local/dead-letters/replay` delivers them again through the local
 * bus and scheduler; a dry run only reads `GET /_local/dead-letters`.
 */
export async function replayLocalDeadLetters(apiUrl: string, options: Omit<ReplayOptions, 'queueUrl'>): Promise<ReplaySummary> {
  const what = (letter: DeadLetter) => `${letter.kind} ${letter.source} → ${letter.target}`;
  if (options.dryRun) {
    const { deadLetters } = (await call(apiUrl, 'GET', '/_local/dead-letters')) as { deadLetters: DeadLetter[] };
    const listed = deadLetters.slice(0, options.limit);
    for (const letter of listed) options.report(`would replay ${what(letter)} (failed with ${letter.error})`);
    return { replayed: 0, failed: 0, unreadable: 0, listed: listed.length };
  }
  const replay = (await call(apiUrl, 'POST', '/_local/dead-letters/replay', Number.isFinite(options.limit) ? { limit: options.limit } : {})) as Replay;
  for (const letter of replay.replayed) options.report(`replayed    ${what(letter)}`);
  for (const letter of replay.failed) options.report(`failed      ${what(letter)}: ${letter.error}; kept`);
  return { replayed: replay.replayed.length, failed: replay.failed.length, unreadable: 0, listed: 0 };
}

async function call(apiUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(new URL(path, apiUrl), { method, ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }) });
  } catch (error) {
    throw new Error(`No local runtime answers at ${apiUrl} (npm start runs it): ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
