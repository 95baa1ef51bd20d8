import type { LeadAction } from '../handoff/action-links.ts';
import type { FieldError } from '../platform/errors.ts';
import { fieldErrors } from '../platform/field-errors.ts';
import * as z from '../platform/zod.ts';
import type { Contact, StatusChange } from '../sales/sales-changes.ts';
import { channels } from '../leads/vocabulary.ts';

/** What a link's form asks, as the sales desk would be asked it. */
export type LeadActionInput = { type: 'contact'; contact: Contact } | { type: 'status'; change: StatusChange };


// Forms send every field, blank or not: a blank field is an absent one.
const blankAsAbsent = z.transform((value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value));
const text = (max: number) =>
  z.pipe(blankAsAbsent, z.optional(z.string({ error: 'must be text' }).check(z.trim(), z.maxLength(max, `must be at most ${max} characters`))));
const note = text(2000);

const forms = {
  // The page preselects a call; a post without the field means the same.
  contacted: z.object({
    channel: z.pipe(blankAsAbsent, z._default(z.enum(channels, { error: `must be one of: ${channels.join(', ')}` }), 'call')),
    notes: text(4000),
  }),
  purchased: z.object({
    value: z.pipe(
      blankAsAbsent,
      z.optional(
        z.pipe(
          z.transform((value: unknown) => (typeof value === 'string' ? Number(value.trim()) : value)),
          z.number({ error: 'must be an amount, such as 48000' }).check(z.nonnegative('must not be negative')),
        ),
      ),
    ),
    note,
  }),
  // Which reasons exist is the sales policy's to say, when the change is applied.
  'not-interested': z.object({ reason: z.pipe(blankAsAbsent, z.string({ error: 'is required: why they are not interested' })), note }),
} satisfies Record<LeadAction, z.ZodMiniType>;

/** Reads a link's posted form: the change to record, or a message per field to show beside the form. */
export function readActionForm(action: LeadAction, fields: Record<string, unknown>): { ok: true; input: LeadActionInput } | { ok: false; errors: FieldError[] } {
  switch (action) {
    case 'contacted':
      return read(forms.contacted, fields, (contact) => ({ type: 'contact', contact }));
    case 'purchased':
      return read(forms.purchased, fields, (form) => ({ type: 'status', change: { status: 'purchased', ...form } }));
    case 'not-interested':
      return read(forms['not-interested'], fields, (form) => ({ type: 'status', change: { status: 'not-interested', ...form } }));
  }
}

function read<Form extends z.ZodMiniType>(
  form: Form,
  fields: Record<string, unknown>,
  input: (data: z.output<Form>) => LeadActionInput,
): { ok: true; input: LeadActionInput } | { ok: false; errors: FieldError[] } {
  const parsed = form.safeParse(fields);
  return parsed.success ? { ok: true, input: input(parsed.data) } : { ok: false, errors: fieldErrors(parsed.error) };
}
