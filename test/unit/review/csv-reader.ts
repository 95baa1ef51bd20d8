/** RFC 4180 read back, strictly: a quote inside an unquoted field, or a bare LF, fails. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let at = 0;
  while (at < text.length) {
    if (text[at] === '"' && field === '') {
      let end = at + 1;
      for (;;) {
        const next = text.indexOf('"', end);
        if (next < 0) throw new Error('unterminated quote');
        if (text[next + 1] === '"') end = next + 2;
        else {
          end = next;
          break;
        }
      }
      field = text.slice(at + 1, end).replaceAll('""', '"');
      at = end + 1;
      if (text[at] !== ',' && text[at] !== '\r') throw new Error(`text after a closing quote at ${at}`);
      continue;
    }
    const char = text[at]!;
    if (char === ',') {
      row.push(field);
      field = '';
      at += 1;
    } else if (char === '\r' && text[at + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      at += 2;
    } else if (char === '"' || char === '\n' || char === '\r') {
      throw new Error(`unquoted ${JSON.stringify(char)} at ${at}`);
    } else {
      field += char;
      at += 1;
    }
  }
  if (field !== '' || row.length) throw new Error('the last record does not end in CRLF');
  return rows;
}

/** Rows after the header, as header → cell. */
export const asRecords = (rows: string[][]) => rows.slice(1).map((row) => Object.fromEntries(rows[0]!.map((header, index) => [header, row[index]])));
