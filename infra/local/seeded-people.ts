import { type Group, groups } from '../../functions/auth/caller.ts';
import { Rep } from '../../functions/routing/rep.ts';
import seed from './seed-reps.json' with { type: 'json' };

/** Someone the local runtime knows how to sign in: their groups, in the order `groups` lists them. */
export type SeededPerson = { name: string; email: string; groups: Group[]; team: string };

/**
 * The people the local runtime seeds at every start (reps already stored are
 * left as they are): the reps of seed-reps.json (group `rep`), the managers
 * they name and the manager the routing policy's fallback queue notifies
 * (group `manager`). A manager needs no `rep` group: it admits them to every
 * rep route too (functions/auth/caller.ts). The privacy and marketing groups
 * have no roster: one sample address stands for each.
 */
export async function seededPeople(): Promise<SeededPerson[]> {
  // Loaded here only: a token for --rep or --manager does not depend on the routing policy being valid.
  const { defaultRoutingPolicy } = await import('../../functions/routing/default-policy.ts');
  const reps = seed.map((rep) => Rep.parse(rep));
  const people = new Map<string, { name: string; email: string; groups: Set<Group>; team: string }>();
  const person = (email: string) => {
    const address = email.toLowerCase();
    let known = people.get(address);
    if (!known) people.set(address, (known = { name: '-', email: address, groups: new Set(), team: '' }));
    return known;
  };

  const managed = new Map<string, string[]>();
  for (const rep of reps) {
    const teams = managed.get(rep.managerEmail) ?? [];
    if (!teams.includes(rep.team)) teams.push(rep.team);
    managed.set(rep.managerEmail, teams);
  }
  for (const [email, teams] of managed) {
    const manager = person(email);
    manager.groups.add('manager');
    manager.team = `manages ${teams.join(', ')}`;
  }
  const { queue, notifyEmail } = defaultRoutingPolicy.fallback;
  const queueManager = person(notifyEmail);
  queueManager.groups.add('manager');
  queueManager.team = [queueManager.team, `fallback queue "${queue}"`].filter(Boolean).join('; ');
  for (const rep of reps) {
    const member = person(rep.email);
    member.name = rep.active ? rep.name : `${rep.name} (inactive)`;
    member.groups.add('rep');
    member.team = [rep.team, member.team].filter(Boolean).join('; ');
  }
  const privacyOfficer = person('dpo@stoke.example');
  privacyOfficer.name = 'Data protection (sample)';
  privacyOfficer.groups.add('privacy');
  privacyOfficer.team = 'privacy requests: export, erase, audit trail';
  const marketer = person('marketing@stoke.example');
  marketer.name = 'Marketing (sample)';
  marketer.groups.add('marketing');
  marketer.team = 'nurture journeys, filter audit, funnel, consent';

  return [...people.values()].map((p) => ({ ...p, groups: groups.filter((group) => p.groups.has(group)) }));
}
