/** A CSV cell: empty for null, which is not the same as a zero. */
export type CsvCell = string | number | boolean | null;

/** Lines of cells as CSV (RFC 4180, CRLF line ends). */
export function csvLines(lines: ReadonlyArray<readonly CsvCell[]>): string {
  return lines.map((cells) => `${cells.map(csvField).join(',')}\r\n`).join('');
}

function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  // Text may come from a public form or a crafted URL: a spreadsheet would run "=HYPERLINK(…)" as a formula.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
