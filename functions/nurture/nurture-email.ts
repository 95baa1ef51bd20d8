import { type Lead, leadName } from '../leads/lead.ts';

/** The variables of nurture and subscription templates (templates/README.md), from a lead. */
export function nurtureVariables(
  lead: Lead,
  links: { unsubscribeUrl: string; confirmUrl?: string },
  company: { name: string; postalAddress: string },
  sequence?: { track: string; step: number; steps: number },
): Record<string, unknown> {
  const { profile } = lead;
  return {
    lead: {
      name: leadName(lead),
      firstName: profile.firstName,
      lastName: profile.lastName,
      email: lead.email,
      company: profile.company,
      jobTitle: profile.jobTitle,
      country: profile.country,
      interest: profile.interest,
      temperature: lead.score.temperature,
    },
    links,
    company,
    ...(sequence ? { sequence } : {}),
  };
}

/**
 * RFC 8058 one-click unsubscribe, which Gmail and Yahoo require of bulk
 * senders: an HTTPS URL that takes a POST, plus a mailto where configured.
 */
export function unsubscribeHeaders(unsubscribeUrl: string, mailto: string | undefined): Array<{ name: string; value: string }> {
  const targets = [`<${unsubscribeUrl}>`, ...(mailto ? [`<mailto:${mailto}?subject=unsubscribe>`] : [])];
  return [
    { name: 'List-Unsubscribe', value: targets.join(', ') },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ];
}
