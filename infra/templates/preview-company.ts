import { settingSchemas } from '../wiring/settings.ts';
import type { SampleLead } from './sample-lead.ts';

// A Lambda handler may import this module (a desk page showing the tips): it must stay free of
// aws-cdk-lib, node:http and the file system, and of the other kinds' samples.

/** Who sends the emails in the preview when nothing is configured. */
export const sampleCompany = { name: 'Stoke', postalAddress: '1 Example Street, Springfield, IL 62701, USA' } as const;

export type Company = { name: string; postalAddress: string };

/** The setting each part of the company is read from, as the functions read it. */
export const companySettings = { name: 'COMPANY_NAME', postalAddress: 'COMPANY_POSTAL_ADDRESS' } as const;

/**
 * Where a value in use comes from: the setting, as configured; or the sample,
 * because the setting is not set, or is set to something the functions would refuse.
 */
export type CompanySource =
  | { setting: string; from: 'setting' }
  | { setting: string; from: 'sample'; invalid?: string };

export type PreviewCompany = {
  company: Company;
  sources: Record<keyof Company, CompanySource>;
  /** The nurture tips' sample leads, sending as `company`: the variables a tip is previewed with (without `sequence`, which its place in its track gives). */
  tipSamples: SampleLead[];
};

/**
 * The company the emails are previewed with: COMPANY_NAME and COMPANY_POSTAL_ADDRESS
 * from `env`, the same variables, checked with the same schemas
 * (infra/wiring/settings.ts), as every function that sends email reads at
 * cold start; the deployed stack sets them from its context (companyName,
 * companyPostalAddress), the local runtime from the shell or stoke.local.json.
 * Each one unset, or refused by its schema, falls back to the sample value.
 */
export function previewCompany(env: Readonly<Record<string, string | undefined>> = {}): PreviewCompany {
  const read = (part: keyof Company): { value: string; source: CompanySource } => {
    const setting = companySettings[part];
    const raw = env[setting];
    if (raw === undefined) return { value: sampleCompany[part], source: { setting, from: 'sample' } };
    const parsed = settingSchemas[setting].safeParse(raw);
    if (!parsed.success) return { value: sampleCompany[part], source: { setting, from: 'sample', invalid: parsed.error.issues[0]?.message ?? 'invalid' } };
    return { value: parsed.data, source: { setting, from: 'setting' } };
  };
  const name = read('name');
  const postalAddress = read('postalAddress');
  const company = { name: name.value, postalAddress: postalAddress.value };
  return { company, sources: { name: name.source, postalAddress: postalAddress.source }, tipSamples: nurtureSamples(company) };
}

export const sampleUnsubscribeUrl = 'https://stoke.example/email/unsubscribe/sample-token';

/** A made-up lead with every field filled in. */
export const ada = {
  name: 'Ada Lovelace',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.example',
  company: 'Acme Analytics',
  jobTitle: 'Head of Sales',
  country: 'DE',
};

// The blanks and the unusual are what break emails: a lead without a first name, and a long one.
export function nurtureSamples(company: Company): SampleLead[] {
  const links = { unsubscribeUrl: sampleUnsubscribeUrl };
  return [
    {
      label: 'Ada: first name, company, interested in lead routing',
      variables: { lead: { ...ada, interest: 'Lead routing for our sales team', temperature: 'warm' }, links, company },
    },
    {
      label: 'Only an email address: no name, no company, no interest',
      variables: { lead: { email: 'sam.lee@example.com', temperature: 'cold' }, links, company },
    },
    {
      label: 'José: long first name, no company, interested in reporting',
      variables: {
        lead: { name: 'José-Maria Fernández', firstName: 'José-Maria', lastName: 'Fernández', email: 'jm@example.com', interest: 'Weekly reporting', temperature: 'warm' },
        links,
        company,
      },
    },
  ];
}
