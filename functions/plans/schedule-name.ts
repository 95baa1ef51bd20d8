import { createHash } from 'node:crypto';

// EventBridge Scheduler names: [0-9a-zA-Z-_.]{1,64}. "ml-", "-" and the eight digits of the date leave 52 for the rep id.
const longestRepId = 52;

/**
 * A rep's one-time morning-list schedule for a local date (`yyyy-mm-dd`):
 * one name per rep and date, so the daily planning and the chain creating
 * the same morning conflict instead of duplicating it. A rep id too long for
 * the name keeps its start and a hash of the whole; the dot, which no rep id
 * holds, keeps it apart from every id short enough.
 */
export function morningListScheduleName(repId: string, date: string): string {
  const rep = repId.length <= longestRepId ? repId : `${repId.slice(0, longestRepId - 9)}.${createHash('sha256').update(repId).digest('hex').slice(0, 8)}`;
  return `ml-${rep}-${date.replaceAll('-', '')}`;
}
