import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { previewCompany, sampleCompany } from '../../../infra/templates/preview-company.ts';

const configured = { COMPANY_NAME: 'Acme Widgets GmbH', COMPANY_POSTAL_ADDRESS: 'Werkstraße 5, 80331 München, Germany' };

describe('previewCompany', () => {
  it('uses COMPANY_NAME and COMPANY_POSTAL_ADDRESS when they are set, in the tip samples too', () => {
    const { company, sources, tipSamples } = previewCompany({ ...configured, SOMETHING_ELSE: 'x' });

    expect(company).toEqual({ name: 'Acme Widgets GmbH', postalAddress: 'Werkstraße 5, 80331 München, Germany' });
    expect(sources).toEqual({ name: { setting: 'COMPANY_NAME', from: 'setting' }, postalAddress: { setting: 'COMPANY_POSTAL_ADDRESS', from: 'setting' } });
    expect(tipSamples.length).toBeGreaterThan(0);
    for (const sample of tipSamples) expect(sample.variables.company, sample.label).toEqual(company);
  });

  it('falls back to the sample values where nothing is set', () => {
    const { company, sources, tipSamples } = previewCompany({});

    expect(company).toEqual({ name: 'Stoke', postalAddress: '1 Example Street, Springfield, IL 62701, USA' });
    expect(sources).toEqual({ name: { setting: 'COMPANY_NAME', from: 'sample' }, postalAddress: { setting: 'COMPANY_POSTAL_ADDRESS', from: 'sample' } });
    for (const sample of tipSamples) expect(sample.variables.company, sample.label).toEqual(sampleCompany);
    expect(previewCompany()).toEqual(previewCompany({}));
  });

  it('falls back one value at a time', () => {
    expect(previewCompany({ COMPANY_POSTAL_ADDRESS: configured.COMPANY_POSTAL_ADDRESS }).company).toEqual({ name: 'Stoke', postalAddress: configured.COMPANY_POSTAL_ADDRESS });
  });

  it('refuses what the functions would refuse at cold start, and says why, rather than previewing it', () => {
    const { company, sources } = previewCompany({ COMPANY_NAME: '', COMPANY_POSTAL_ADDRESS: configured.COMPANY_POSTAL_ADDRESS });

    expect(company.name).toBe('Stoke');
    expect(sources.name).toMatchObject({ setting: 'COMPANY_NAME', from: 'sample', invalid: expect.stringMatching(/>=1 characters/) });
    expect(sources.postalAddress.from).toBe('setting');
  });

  it('can be bundled into a Lambda function: no aws-cdk-lib, no node:http, no Node built-ins at all', async () => {
    const result = await esbuild.build({
      entryPoints: ['infra/templates/preview-company.ts'],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const external = Object.values(result.metafile.inputs).flatMap((input) => input.imports.filter((imported) => imported.external).map((imported) => imported.path));

    expect(inputs).toContain('infra/wiring/settings.ts');
    expect(inputs.filter((input) => !/^(node_modules\/zod\/|functions\/platform\/|infra\/wiring\/settings\.ts$|infra\/templates\/preview-company\.ts$)/.test(input))).toEqual([]);
    expect(external).toEqual([]);
  });
});
