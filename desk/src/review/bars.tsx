/**
 * Bars drawn with plain elements. Widths are set through the CSSOM (Preact's
 * `style` object), which the desk's `style-src 'self'` allows, unlike a
 * `style` attribute in markup. The figures are always written out beside
 * them: a bar only repeats a number for the eye.
 */
export function StackedBar({ parts, total }: { parts: Array<{ key: string; count: number; kind: string }>; total: number }) {
  return (
    <div class="bar-track" aria-hidden="true">
      {total > 0 && parts.filter((part) => part.count > 0).map((part) => <span key={part.key} class={`bar-part ${part.kind}`} style={{ width: `${(part.count / total) * 100}%` }} />)}
    </div>
  );
}

/** One bar of a chart whose longest bar is `max`. */
export function Bar({ value, max, kind = 'neutral' }: { value: number; max: number; kind?: string }) {
  return (
    <div class="bar-track" aria-hidden="true">
      {max > 0 && value > 0 && <span class={`bar-part ${kind}`} style={{ width: `${Math.min(100, (value / max) * 100)}%` }} />}
    </div>
  );
}
