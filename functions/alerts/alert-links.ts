/** Where an alert sends a manager to act: the desk's Marketing page resumes the brake, its Roster page fixes an address. */
export type AlertLinks = { marketingUrl: string; rosterUrl: string };

/** The desk's pages an alert links to, under the desk's public URL (which the manager signs in at). */
export function alertLinks(deskUrl: string): AlertLinks {
  const desk = deskUrl.endsWith('/') ? deskUrl : `${deskUrl}/`;
  return { marketingUrl: new URL('marketing', desk).href, rosterUrl: new URL('roster', desk).href };
}
