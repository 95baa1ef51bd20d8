import { describe, expect, it } from 'vitest';
import { LeadForm } from '../../../functions/capture/lead-form.ts';
import { fieldErrors } from '../../../functions/platform/field-errors.ts';

const errorsOf = (input: unknown) => {
  const result = LeadForm.safeParse(input);
  return result.success ? [] : fieldErrors(result.error);
};

describe('LeadForm', () => {
  it('normalizes the email, trims strings, drops blanks and unknown fields', () => {
    const form = LeadForm.parse({ email: '  Ann.Lee@Example.COM ', firstName: '  Ann ', lastName: '', country: 'de', extra: 'x', website: '' });
    expect(form).toEqual({ email: 'ann.lee@example.com', firstName: 'Ann', country: 'DE', consent: false });
    expect(form).not.toHaveProperty('extra');
  });

  it.each([
    { value: 'on', consent: true },
    { value: 'yes', consent: true },
    { value: true, consent: true },
    { value: 'false', consent: false },
    { value: '', consent: false },
    { value: undefined, consent: false },
  ])('reads consent $value as $consent', ({ value, consent }) => {
    expect(LeadForm.parse({ email: 'a@b.co', consent: value }).consent).toBe(consent);
  });

  it('names every bad field once, in plain words', () => {
    const errors = errorsOf({
      email: 'not-an-email',
      country: 'UK',
      timezone: 'Mars/Olympus',
      budget: 'millions',
      authority: 'boss',
      timeline: 'soon',
      phone: 'call me',
      pageUrl: 'javascript:alert(1)',
      firstName: 42,
      need: 'x'.repeat(2001),
    });
    expect(errors.map((e) => e.field)).toEqual([
      'email', 'firstName', 'phone', 'country', 'timezone', 'budget', 'authority', 'need', 'timeline', 'pageUrl',
    ]);
    expect(errors.find((e) => e.field === 'budget')?.message).toBe('must be one of: none, under-10k, 10k-50k, 50k-250k, 250k-plus');
    expect(errors.find((e) => e.field === 'need')?.message).toBe('must be at most 2000 characters');
  });

  it('requires an email', () => {
    expect(errorsOf({ firstName: 'Ann' })).toEqual([{ field: 'email', message: 'is required' }]);
  });

  it('refuses control characters', () => {
    expect(errorsOf({ email: 'a@b.co', company: 'Acme\u0000Corp' })).toEqual([
      { field: 'company', message: 'contains characters that are not allowed' },
    ]);
  });

  it('keeps line breaks and unicode in free text', () => {
    expect(LeadForm.parse({ email: 'a@b.co', need: 'Zeile 1\nZeile 2 — 日本語 ✓' }).need).toBe('Zeile 1\nZeile 2 — 日本語 ✓');
  });
});
