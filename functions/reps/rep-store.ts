import type { Rep } from '../routing/rep.ts';

/** A rep as stored: the roster entry plus what rotation and locking need. */
export type StoredRep = Rep & {
  /** Leads this rep has received: weighted rotation picks the rep furthest behind its share. */
  assignedCount: number;
  version: number;
};

export type RepStore = {
  get(repId: string): Promise<StoredRep | undefined>;
  list(): Promise<StoredRep[]>;
  /** Adds a rep whose rotation starts at `assignedCount`, so a newcomer is not flooded while catching up. */
  create(rep: Rep, assignedCount: number): Promise<'created' | 'exists'>;
  /** Saves roster changes unless someone changed the rep after `expectedVersion`. */
  update(rep: Rep, expectedVersion: number): Promise<'updated' | 'stale'>;
  /** A manager's three or four coaching points for a rep's week; the review shows them beside what the rep did. */
  setFocus(focus: RepFocus): Promise<void>;
  focusOf(repId: string, week: string): Promise<RepFocus | undefined>;
};

export type RepFocus = { repId: string; week: string; items: string[]; setBy: string; at: string };
