import type { ReviewLead } from './review-input.ts';
import type { DuplicateReason, Hygiene, OwnerOf } from './weekly-review.ts';

// Legal forms say nothing about which company it is: "Acme GmbH" and "ACME" are one.
const legalForms = new Set(['ag', 'bv', 'co', 'corp', 'corporation', 'gmbh', 'inc', 'kg', 'limited', 'llc', 'ltd', 'nv', 'plc', 'sa', 'sarl', 'se']);
const dotBlindDomains = new Set(['gmail.com', 'googlemail.com']);

/**
 * Leads that are probably one person: the same name at the same company, or
 * the same mailbox written two ways (case, a +tag, dots in a Gmail address).
 * Stoke keeps one lead per address, so these come from typing variations,
 * imports and reps re-entering a lead to claim it.
 */
export function suspectedDuplicates(leads: readonly ReviewLead[], ownerOf: (lead: ReviewLead) => OwnerOf): Hygiene['duplicates'] {
  const groups = new UnionFind(leads.length);
  const reasonsAt = new Map<number, Set<DuplicateReason>>();
  const firstWith = new Map<string, number>();
  leads.forEach((lead, index) => {
    for (const [reason, key] of keysOf(lead)) {
      const earlier = firstWith.get(`${reason}:${key}`);
      if (earlier === undefined) {
        firstWith.set(`${reason}:${key}`, index);
        continue;
      }
      groups.join(earlier, index);
      reasonsAt.set(index, (reasonsAt.get(index) ?? new Set()).add(reason));
    }
  });
  const members = new Map<number, number[]>();
  leads.forEach((_, index) => {
    const group = members.get(groups.root(index));
    if (group) group.push(index);
    else members.set(groups.root(index), [index]);
  });
  return [...members.values()]
    .filter((group) => group.length > 1)
    .map((group) => ({
      reasons: [...new Set(group.flatMap((index) => [...(reasonsAt.get(index) ?? [])]))].sort(),
      leads: group.map((index) => leads[index]!).map((lead) => ({ ...refOf(lead), ...ownerOf(lead) })),
    }))
    .sort((a, b) => a.leads[0]!.name.localeCompare(b.leads[0]!.name));
}

function keysOf(lead: ReviewLead): Array<[DuplicateReason, string]> {
  const keys: Array<[DuplicateReason, string]> = [['same-address', mailbox(lead.email)]];
  const name = plain(lead.name);
  const company = lead.company ? companyName(lead.company) : '';
  // A lead who gave no name is listed under their address, which the first key already covers.
  if (name && company && !lead.name.includes('@')) keys.push(['same-name-and-company', `${name}|${company}`]);
  return keys;
}

function mailbox(email: string): string {
  const [local = '', domain = ''] = email.trim().toLowerCase().split(/@(?=[^@]*$)/);
  const untagged = local.split('+')[0]!;
  return dotBlindDomains.has(domain) ? `${untagged.replaceAll('.', '')}@gmail.com` : `${untagged}@${domain}`;
}

function plain(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function companyName(company: string): string {
  const words = plain(company).split(' ');
  while (words.length > 1 && legalForms.has(words.at(-1)!)) words.pop();
  return words.join(' ');
}

function refOf({ leadId, name, company, email }: ReviewLead) {
  return company === undefined ? { leadId, name, email } : { leadId, name, company, email };
}

class UnionFind {
  private readonly parent: number[];

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }

  root(index: number): number {
    let current = index;
    while (this.parent[current] !== current) current = this.parent[current]!;
    this.parent[index] = current;
    return current;
  }

  join(a: number, b: number): void {
    this.parent[this.root(b)] = this.root(a);
  }
}
