import type { Rep } from '../../functions/routing/rep.ts';

/** Anna Schmidt, the field rep for Germany whom the stored hot lead (hot-lead.ts) belongs to; Maria Keller manages her. */
export function annaSchmidt(changes: Partial<Rep> = {}): Rep {
  return {
    repId: 'anna-schmidt',
    name: 'Anna Schmidt',
    email: 'anna.schmidt@stoke.example',
    managerEmail: 'maria.keller@stoke.example',
    team: 'field',
    territories: [{ country: 'DE' }],
    active: true,
    capacity: 20,
    weight: 1,
    timezone: 'Europe/Berlin',
    ...changes,
  };
}
