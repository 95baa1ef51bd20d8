import { describe, expect, it } from 'vitest';
import { readActionForm } from '../../../functions/lead-actions/action-forms.ts';
import { actionFormPage } from '../../../functions/lead-actions/action-pages.ts';
import { defaultSalesPolicy as policy } from '../../../functions/sales/default-policy.ts';

const hostileName = '<script>alert(1)</script> & "Co"';

describe('the page of a one-click link', () => {
  it('asks why a lead is not interested with every reason of the policy, by its label, and an optional note', () => {
    const page = actionFormPage({ action: 'not-interested', leadName: 'Dana Weber', policy });

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Record that Dana Weber is not interested?</h1>');
    expect(page.body).toContain('<legend>Why are they not interested?</legend>');
    for (const reason of policy.notInterestedReasons) {
      expect(page.body).toContain(`<input type="radio" id="reason-${reason.id}" name="reason" value="${reason.id}" required> <label for="reason-${reason.id}">${reason.label}</label>`);
    }
    expect(page.body).toContain('<label for="note">Note (optional)</label>');
    expect(page.body).toContain('<button type="submit">Yes, record it</button>');
  });

  it('asks how a contact was made, a call preselected, and for optional notes', () => {
    const page = actionFormPage({ action: 'contacted', leadName: 'Dana Weber', policy });

    expect(page.body).toContain('<h1>Record that you contacted Dana Weber?</h1>');
    expect(page.body).toContain('value="call" required checked>');
    expect(page.body).toContain('value="email" required>');
    expect(page.body).toContain('value="meeting" required>');
    expect(page.body).toContain('<textarea id="notes" name="notes"');
  });

  it('asks for an optional value and note of a purchase', () => {
    const page = actionFormPage({ action: 'purchased', leadName: 'Dana Weber', policy });

    expect(page.body).toContain('<label for="value">Value (optional)</label>');
    expect(page.body).toContain('<input type="number" id="value" name="value" min="0"');
    expect(page.body).toContain('<label for="note">Note (optional)</label>');
  });

  it('keeps the strict policy: no scripts, no caching, no referrer, forms post back only', () => {
    const { headers } = actionFormPage({ action: 'purchased', leadName: 'Dana Weber', policy });

    expect(headers).toMatchObject({
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
  });

  it('shows the form again, as filled in, with what to correct beside the field (400)', () => {
    const page = actionFormPage({
      action: 'not-interested',
      leadName: 'Dana Weber',
      policy,
      values: { reason: 'vibes', note: 'They said </textarea><script>x()</script>' },
      errors: [{ field: 'reason', message: 'must be one of: no-budget-now, not-a-fit' }],
    });

    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('<title>Error: Record that Dana Weber is not interested?</title>');
    expect(page.body).toContain('<fieldset aria-describedby="reason-error">');
    expect(page.body).toContain('<p class="error" id="reason-error">Reason must be one of: no-budget-now, not-a-fit</p>');
    expect(page.body).toContain('They said &#60;/textarea&#62;&#60;script&#62;x()&#60;/script&#62;</textarea>');
    expect(page.body).not.toContain('<script>');
  });

  it('escapes the lead\'s name and the policy\'s labels', () => {
    const page = actionFormPage({
      action: 'not-interested',
      leadName: hostileName,
      policy: { notInterestedReasons: [{ id: 'other', label: '<b>Other</b>', returnToNurture: false }] },
    });

    expect(page.body).not.toContain('<script>');
    expect(page.body).not.toContain('<b>');
    expect(page.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Co&#34;');
  });
});

describe('reading the posted form', () => {
  it.each([
    { name: 'a reason and a note', action: 'not-interested' as const, fields: { reason: 'not-a-fit', note: ' Too small ' }, input: { type: 'status', change: { status: 'not-interested', reason: 'not-a-fit', note: 'Too small' } } },
    { name: 'a reason and a blank note', action: 'not-interested' as const, fields: { reason: 'not-a-fit', note: '' }, input: { type: 'status', change: { status: 'not-interested', reason: 'not-a-fit' } } },
    { name: 'a purchase with a value', action: 'purchased' as const, fields: { value: '48000', note: '' }, input: { type: 'status', change: { status: 'purchased', value: 48000 } } },
    { name: 'a purchase without a value', action: 'purchased' as const, fields: { value: ' ' }, input: { type: 'status', change: { status: 'purchased' } } },
    { name: 'a meeting with notes', action: 'contacted' as const, fields: { channel: 'meeting', notes: 'Demo' }, input: { type: 'contact', contact: { channel: 'meeting', notes: 'Demo' } } },
    { name: 'a contact posted without fields (a call, as preselected)', action: 'contacted' as const, fields: {}, input: { type: 'contact', contact: { channel: 'call' } } },
  ])('reads $name', ({ action, fields, input }) => {
    expect(readActionForm(action, fields)).toEqual({ ok: true, input });
  });

  it.each([
    { name: 'no reason', action: 'not-interested' as const, fields: { note: 'x' }, errors: [{ field: 'reason', message: 'is required: why they are not interested' }] },
    { name: 'a value that is no amount', action: 'purchased' as const, fields: { value: 'lots' }, errors: [{ field: 'value', message: 'must be an amount, such as 48000' }] },
    { name: 'a negative value', action: 'purchased' as const, fields: { value: '-5' }, errors: [{ field: 'value', message: 'must not be negative' }] },
    { name: 'an unknown channel', action: 'contacted' as const, fields: { channel: 'fax' }, errors: [{ field: 'channel', message: 'must be one of: call, email, meeting' }] },
    { name: 'a note too long', action: 'purchased' as const, fields: { note: 'x'.repeat(2001) }, errors: [{ field: 'note', message: 'must be at most 2000 characters' }] },
  ])('names the field for $name', ({ action, fields, errors }) => {
    expect(readActionForm(action, fields)).toEqual({ ok: false, errors });
  });
});
