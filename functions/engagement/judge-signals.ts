import type { EmailSignal } from '../leads/lead.ts';
import { compact } from '../leads/lead.ts';
import { classifySignal, type Signal, signalPoints } from './classify-signal.ts';
import type { EngagementRules } from './engagement-rules.ts';
import type { NetworkLookup } from './networks/network-lists.ts';

/** What judging needs: the rules, the published networks, and when the email went out and arrived. */
export type Judge = { rules: EngagementRules; networkOf: NetworkLookup; sentAt: string; deliveredAt?: string | undefined };

type Opinion = EmailSignal & { type: 'open' | 'click' };

/** An open or click of one email, judged with every other open and click of that email known so far. */
export function judged(signal: Omit<Opinion, 'human' | 'filteredBecause' | 'rule' | 'points' | 'reason'>, email: readonly EmailSignal[], judge: Judge): EmailSignal {
  const others = email.filter((other) => other.eventId !== signal.eventId && other.messageId === signal.messageId && (other.type === 'open' || other.type === 'click'));
  const verdict = classifySignal(asSignal(signal), compact({ sentAt: judge.sentAt, deliveredAt: judge.deliveredAt, others: others.map(asSignal) }), judge.rules, judge.networkOf);
  const { human: _human, filteredBecause: _because, rule: _rule, points: _points, reason: _reason, ...bare } = signal as Opinion;
  return verdict.human
    ? { ...bare, human: true, ...signalPoints(bare, judge.rules) }
    : { ...bare, human: false, filteredBecause: `${verdict.reason}: ${verdict.detail}` };
}

/**
 * The second look: the email's earlier opens and clicks judged again now that
 * more of what happened to it is known (a click that began a burst, a click
 * before the person's own). Returns those whose verdict changed, as they are now.
 */
export function secondLook(email: readonly EmailSignal[], judge: Judge): EmailSignal[] {
  return email
    .filter((signal) => signal.type === 'open' || signal.type === 'click')
    .map((signal) => ({ before: signal, after: judged(signal as Opinion, email, judge) }))
    .filter(({ before, after }) => before.human !== after.human || before.filteredBecause?.split(': ')[0] !== after.filteredBecause?.split(': ')[0])
    .map(({ after }) => after);
}

function asSignal(signal: Pick<EmailSignal, 'type' | 'at' | 'userAgent' | 'ip' | 'link'>): Signal {
  return compact({ type: signal.type === 'click' ? ('click' as const) : ('open' as const), at: signal.at, userAgent: signal.userAgent, ip: signal.ip, link: signal.link });
}
