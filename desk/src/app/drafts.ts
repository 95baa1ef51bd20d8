import { useEffect, useState } from 'preact/hooks';

// What a person types into a form is kept in this tab's session storage,
// keyed by lead and form, until the form is sent: a sign-in in between loses nothing.
const key = (leadId: string, form: string) => `stoke-desk:draft:${leadId}:${form}`;

/** A form's fields, restored from the draft and saved as they change; `clear()` once sent. */
export function useDraft<T extends Record<string, string>>(leadId: string, form: string, empty: T): [T, (changes: Partial<T>) => void, () => void] {
  const [fields, setFields] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(key(leadId, form));
      return saved ? { ...empty, ...(JSON.parse(saved) as Partial<T>) } : empty;
    } catch {
      return empty;
    }
  });
  useEffect(() => {
    const typed = Object.entries(fields).some(([name, value]) => value !== empty[name]);
    if (typed) sessionStorage.setItem(key(leadId, form), JSON.stringify(fields));
  }, [fields]);
  return [
    fields,
    (changes) => setFields((current) => ({ ...current, ...changes })),
    () => {
      sessionStorage.removeItem(key(leadId, form));
      setFields(empty);
    },
  ];
}

/** Whether a draft of this form is waiting: its form opens again after a sign-in. */
export function hasDraft(leadId: string, form: string): boolean {
  return sessionStorage.getItem(key(leadId, form)) !== null;
}
