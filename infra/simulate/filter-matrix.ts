import type { EmailSignal } from '../../functions/leads/lead.ts';

/** Who made an open or click the simulator posted: a person, or the machine behaviour `id`. */
export type Truth = { by: 'person' | 'machine'; id: string; kind: 'open' | 'click' };

// The goals for the filter, stated beside what it achieved; not asserted until the filter is improved.
const goals = { machineSignalsFilteredAtLeast: 0.95, peopleSignalsWronglyFilteredAtMost: 0.02 };

/** A person's own open or click; an open through an image proxy is its own row, the one a proxy rule could wrongly take. */
export function personTruth(kind: 'open' | 'click', imageProxy?: string): Truth {
  return { by: 'person', id: imageProxy ? `person-${kind}-via-${imageProxy}` : `person-${kind}`, kind };
}

/**
 * The truth of every open and click posted, keyed by what the stored signal
 * keeps of it: the message, the type and the moment. (The EventBridge event id
 * the signal also keeps is the local bus's own, which the simulator never sees.)
 */
export function truthLedger() {
  const truths = new Map<string, Truth>();
  return {
    truths,
    /** Records a posting; answers the moment to post it at, a millisecond later while another posting of the message's kind has it. */
    claim(messageId: string, truth: Truth, atMs: number): string {
      let ms = Math.floor(atMs);
      while (truths.has(keyOf(messageId, truth.kind, new Date(ms).toISOString()))) ms++;
      const at = new Date(ms).toISOString();
      truths.set(keyOf(messageId, truth.kind, at), truth);
      return at;
    },
  };
}
export type TruthLedger = ReturnType<typeof truthLedger>;

const keyOf = (messageId: string, type: string, at: string) => `${messageId} ${type} ${at}`;

export type MatrixRow = Truth & { posted: number; judgedHuman: number; filtered: number; filteredBy: Record<string, number> };

/**
 * The filter's confusion matrix against the truth: for each kind of open or
 * click (`classes`, one row each, in the report's order), how many were posted,
 * how many the engagement function judged human and how many it filtered, by
 * reason. A stored signal that matches no posting, or one matched already, is
 * `unexpected`; a posting with no stored signal is `notStored`.
 */
export function filterMatrix(ledger: TruthLedger, signals: readonly EmailSignal[], classes: readonly Truth[]) {
  const rows = new Map<string, MatrixRow>(classes.map((truth) => [truth.id, { ...truth, posted: 0, judgedHuman: 0, filtered: 0, filteredBy: {} }]));
  const rowOf = (truth: Truth) => {
    const row = rows.get(truth.id);
    if (!row) throw new Error(`Simulation: "${truth.id}" was posted but is no row of the filter's matrix`);
    return row;
  };
  for (const truth of ledger.truths.values()) rowOf(truth).posted++;
  const seen = new Set<string>();
  let unexpected = 0;
  for (const signal of signals) {
    if (signal.type !== 'open' && signal.type !== 'click') continue;
    const key = keyOf(signal.messageId, signal.type, signal.at);
    const truth = ledger.truths.get(key);
    if (!truth || seen.has(key)) {
      unexpected++;
      continue;
    }
    seen.add(key);
    const row = rowOf(truth);
    if (signal.human) {
      row.judgedHuman++;
    } else {
      row.filtered++;
      // filteredBecause is "<reason>: <detail>"; the detail names the very user agent or delay, too fine to count by.
      const reason = (signal.filteredBecause ?? 'no reason given').split(': ')[0]!;
      row.filteredBy[reason] = (row.filteredBy[reason] ?? 0) + 1;
    }
  }
  const machines = [...rows.values()].filter((r) => r.by === 'machine');
  const people = [...rows.values()].filter((r) => r.by === 'person');
  return {
    machineSignalsFiltered: headline(sum(machines, 'filtered'), sum(machines, 'judgedHuman') + sum(machines, 'filtered'), goals.machineSignalsFilteredAtLeast, 'at-least'),
    peopleSignalsWronglyFiltered: headline(sum(people, 'filtered'), sum(people, 'judgedHuman') + sum(people, 'filtered'), goals.peopleSignalsWronglyFilteredAtMost, 'at-most'),
    rows: [...rows.values()],
    reasons: [...new Set([...rows.values()].flatMap((r) => Object.keys(r.filteredBy)))].sort(),
    posted: ledger.truths.size,
    notStored: ledger.truths.size - seen.size,
    unexpected,
  };
}
export type FilterMatrix = ReturnType<typeof filterMatrix>;

function headline(count: number, of: number, goal: number, direction: 'at-least' | 'at-most') {
  const share = of === 0 ? null : count / of;
  return { count, of, percent: share === null ? null : Math.round(share * 1000) / 10, goalPercent: Math.round(goal * 1000) / 10, direction, met: share === null ? null : direction === 'at-least' ? share >= goal : share <= goal };
}

function sum(rows: readonly MatrixRow[], field: 'judgedHuman' | 'filtered'): number {
  return rows.reduce((total, r) => total + r[field], 0);
}

