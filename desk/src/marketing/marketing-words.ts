import type { MachineReason } from '../api/types.ts';

/** The machine filter's reasons, as marketers say them. */
export const reasonLabels: Record<MachineReason, string> = {
  'privacy-proxy-open': 'Privacy proxy',
  'open-within-seconds-of-delivery': 'Opened on arrival',
  'scanner-user-agent': 'Security scanner or script',
  'click-within-seconds-of-delivery': 'Clicked on arrival',
  'click-burst': 'Burst of clicks',
  'known-network': 'Security or cloud network',
  'link-checker': 'Link checked by the mail app',
  'browser-open-at-delivery': 'Rendered on arrival',
  'repeat-fetch': 'Images fetched again',
  'same-link-then-elsewhere': 'Checked before the reader',
  'same-link-from-another-device': 'Re-checked after the reader',
};

/** What each reason means, in a sentence. */
export const reasonMeanings: Record<MachineReason, string> = {
  'privacy-proxy-open': 'A mail app fetched the email’s images for the reader, as Apple Mail does for everyone who turned on Mail Privacy Protection, whether or not anyone read it.',
  'open-within-seconds-of-delivery': 'The email was “opened” within seconds of arriving: a machine fetching it in advance, since nobody has read it yet.',
  'scanner-user-agent': 'The program that opened the email or followed the link named itself as a security scanner, a link preview or a script, not a mail app or browser a person uses.',
  'click-within-seconds-of-delivery': 'A link was followed within seconds of the email arriving: a company’s mail gateway checking the link before delivering it.',
  'click-burst': 'Several different links were followed within a few seconds: a scanner following every link, which no reader does.',
  'known-network': 'It came from an address range its owner publishes for mail security or cloud servers (Microsoft’s mail filtering, Barracuda, AWS, Google Cloud, Azure), from which no reader opens mail or clicks.',
  'link-checker': 'The mail app itself fetched the link before opening it in the browser (Office checking a link): the person’s own click comes next, from the browser.',
  'browser-open-at-delivery': 'A browser fetched the email’s images within a minute of it arriving: a security gateway rendering the email to scan it. People read mail in a mail app, or in webmail later.',
  'repeat-fetch': 'A webmail proxy fetched the same email’s images again within seconds: a retry, not a second reading.',
  'same-link-then-elsewhere': 'The same link was clicked again seconds later by a person from another address: the first click was a gateway checking the link before letting the person through.',
  'same-link-from-another-device': 'A reader clicked the link, and under a minute later the same link was followed again from another kind of computer: a scanner re-checking what the reader clicked. The reader’s own click counts.',
};

export const reasonLabel = (reason: string): string => reasonLabels[reason as MachineReason] ?? reason;

/** Words for an ISO 8601 duration as the templates' `delay` gives it: "P14D" is "14 days", "PT12H" "12 hours". */
export function durationWords(iso: string): string | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) return undefined;
  const names = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];
  const parts = match.slice(1).flatMap((value, i) => (value === undefined || Number(value) === 0 ? [] : [plural(Number(value), names[i]!)]));
  if (parts.length === 0) return 'no time';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** When a step goes out, as a sentence: "Sent 14 days after the previous step." */
export function delaySentence(delay: string, number: number): string {
  const words = durationWords(delay);
  const after = number === 1 ? 'the lead joins the track' : 'the previous step';
  if (!words) return delay ? `Sent after a wait of ${delay} from when ${number === 1 ? 'the lead joins the track' : 'the previous step went out'}.` : `Sent right after ${after}.`;
  return words === 'no time' ? `Sent right after ${after}.` : `Sent ${words} after ${after}.`;
}

export const plural = (n: number, word: string): string => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

/** A share as a whole percentage ("–" when there is nothing to divide); below 10 % with one decimal, so a small rate is not shown as 0 %. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '–';
  const value = share * 100;
  if (value > 0 && value < 10) return `${(Math.round(value * 10) / 10).toLocaleString('en-GB')}%`;
  return `${Math.round(value)}%`;
}

export const count = (n: number): string => n.toLocaleString('en-GB');

/** A track's name as a title: "long-term" is "Long-term". */
export const trackTitle = (track: string): string => (track ? track[0]!.toUpperCase() + track.slice(1) : track);

/** Where a template lives in the repository. */
export const templateFile = (templateId: string): string => `templates/${templateId}.mjml`;

/** Why leads are on a track, from the nurture policy's words: "rule cold-leads: temperature cold" reads "leads with temperature cold (rule cold-leads)". */
export function whoIsOn(role: readonly string[]): string {
  return role.map((line) => line.replace(/^rule ([^:]+): (.+)$/, 'leads with $2 (rule $1)')).join('; ');
}
