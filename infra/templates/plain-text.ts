/** A node of MJML's parsed tree, as `mjml2html` returns it in `json`. */
export type MjmlNode = { tagName: string; attributes?: Record<string, unknown>; content?: string; children?: MjmlNode[] };

/**
 * The plain-text twin of a template, read off MJML's tree rather than the compiled
 * HTML so layout tables do not show: what a reader sees, in order, links as
 * `text (url)`, and every Liquid tag kept for the send.
 */
export function plainText(root: MjmlNode): string {
  return textOf(root)
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .concat('\n');
}

function textOf(node: MjmlNode): string {
  const attribute = (name: string) => {
    const value = node.attributes?.[name];
    return typeof value === 'string' ? value : undefined;
  };
  switch (node.tagName) {
    case 'mj-head':
      return '';
    case 'mj-divider':
      return '\n\n----\n\n';
    case 'mj-image':
      return block(link(attribute('alt') ?? '', attribute('href')));
    case 'mj-button':
    case 'mj-navbar-link':
    case 'mj-social-element':
      return block(link(fragmentText(node.content ?? '').trim(), attribute('href')));
  }
  if (node.children?.length) return node.children.map(textOf).join('');
  return block(fragmentText(node.content ?? ''));
}

const block = (text: string) => `\n\n${text}\n\n`;

const token = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\})|<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<{]+|[<{])/g;
const paragraphs = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote']);
const hidden = new Set(['style', 'script', 'title']);

// The HTML inside mj-text, mj-table, mj-raw and buttons: written by people, so small and regular.
function fragmentText(html: string): string {
  let out = '';
  let hiddenUntil: string | undefined;
  let cellsInRow = 0;
  const openLinks: Array<{ href: string | undefined; start: number }> = [];
  for (const [, liquid, closing, tag, attributes = '', text] of html.matchAll(token)) {
    const name = tag?.toLowerCase();
    if (hiddenUntil) {
      if (closing && name === hiddenUntil) hiddenUntil = undefined;
    } else if (liquid) {
      out += liquid;
    } else if (text) {
      out += decode(text).replace(/\s+/g, ' ');
    } else if (!name) {
      // A comment: never shown.
    } else if (hidden.has(name)) {
      if (!closing) hiddenUntil = name;
    } else if (name === 'a' && !closing) {
      openLinks.push({ href: attributeOf(attributes, 'href'), start: out.length });
    } else if (name === 'a') {
      const opened = openLinks.pop();
      if (opened) out = out.slice(0, opened.start) + link(out.slice(opened.start).trim(), opened.href);
    } else if (name === 'td' || name === 'th') {
      if (!closing && cellsInRow++ > 0) out += ' | ';
    } else if (name === 'tr' || name === 'li') {
      // Only the opening tag breaks the line, so a loop of rows or items prints no blank lines between them.
      if (!closing) out += name === 'li' ? '\n- ' : '\n';
      cellsInRow = 0;
    } else {
      if (name === 'br' || name === 'div') out += '\n';
      else if (name === 'hr') out += '\n----\n';
      else if (name === 'img') out += attributeOf(attributes, 'alt') ?? '';
      else if (paragraphs.has(name)) out += '\n\n';
    }
  }
  return out;
}

function link(text: string, href: string | undefined): string {
  if (!href || href.startsWith('#')) return text;
  if (!text || text === href) return href;
  // A mailto or tel link that shows its own address says everything already.
  if (href === `mailto:${text}` || href === `tel:${text}`) return text;
  return `${text} (${href})`;
}

function attributeOf(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
  return match ? decode(match[1] ?? match[2] ?? match[3] ?? '') : undefined;
}

const entities: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  hellip: '…', middot: '·', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', copy: '©',
};

function decode(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return entities[entity.toLowerCase()] ?? whole;
  });
}
