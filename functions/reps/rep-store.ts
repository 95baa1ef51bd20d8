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
};
