/** The zone times are shown in: the rep's own where the API gives it, else this browser's. */
export const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatTime(iso: string, timeZone = browserZone): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** "in 42 min", "3 h 5 min ago": how far a time is from now. */
export function countdown(iso: string, now: number): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  const span = Math.abs(minutes);
  const text = span < 60 ? `${span} min` : span < 48 * 60 ? `${Math.floor(span / 60)} h ${span % 60} min` : `${Math.round(span / 1440)} days`;
  return minutes >= 0 ? `in ${text}` : `${text} ago`;
}

export const channelLabel: Record<string, string> = { call: 'Call', email: 'Email', meeting: 'Meeting' };

export const statusLabel: Record<string, string> = {
  new: 'New',
  assigned: 'Assigned',
  'in-progress': 'In progress',
  purchased: 'Purchased',
  'not-interested': 'Not interested',
};
