import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.ts';

/** One of the sales policy's choices: the id the API takes, the label people read. */
export type Choice = { id: string; label: string };

/** The sales policy's lists the forms offer and the pages name (GET /sales/policy). */
export type SalesLists = { holdBackCategories: Choice[]; notInterestedReasons: Choice[] };

const none: SalesLists = { holdBackCategories: [], notInterestedReasons: [] };
// Read once per visit: the lists change with a deploy, not while a rep works.
let lists: Promise<SalesLists> | undefined;

/** The lists, once they have come; empty until then (labels fall back to the ids). */
export function useSalesLists(api: Api): SalesLists {
  const [value, setValue] = useState<SalesLists>(none);
  useEffect(() => {
    lists ??= api.get<SalesLists>('/sales/policy').then((answer) => {
      if (answer.ok) return answer.value;
      lists = undefined;
      return none;
    });
    void lists.then(setValue);
  }, [api]);
  return value;
}

export const labelOf = (list: readonly Choice[], id: string | undefined) => list.find((item) => item.id === id)?.label ?? id;
