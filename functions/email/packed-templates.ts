import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * One template as `npm run templates:build` leaves it: MJML already compiled to
 * minified HTML and a plain-text twin, both still holding their Liquid.
 */
export type CompiledTemplate = {
  kind: string;
  frontMatter: { subject: string; preheader: string; delay?: string; conditions?: string[] };
  html: string;
  text: string;
};

/** What is read of a template without unpacking it: a nurture track's steps and their delays. */
export type TemplateHeader = Pick<CompiledTemplate, 'kind' | 'frontMatter'>;

type TemplateBody = Pick<CompiledTemplate, 'html' | 'text'>;

/**
 * The templates of one kind as a function bundles them (`functions/email/compiled/<kind>.json`):
 * each one's front matter as it is, and the html and text of them all as one brotli stream in
 * base64. The templates of a kind share their layout and its inline styles, so one stream for
 * the kind is about a quarter of the size of one per template (nurture: 11 KB instead of 42 KB).
 */
export type PackedTemplates = { templates: Record<string, TemplateHeader>; bodies: string };

export function packTemplates(templates: Readonly<Record<string, CompiledTemplate>>): PackedTemplates {
  const headers: Record<string, TemplateHeader> = {};
  const bodies: Record<string, TemplateBody> = {};
  for (const [id, { kind, frontMatter, html, text }] of Object.entries(templates)) {
    headers[id] = { kind, frontMatter };
    bodies[id] = { html, text };
  }
  const json = Buffer.from(JSON.stringify(bodies));
  const params = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: json.length };
  return { templates: headers, bodies: brotliCompressSync(json, { params }).toString('base64') };
}

/** The html and text of every template of the set: about a millisecond for the largest kind, so done once, when the first is needed. */
export function unpackBodies({ bodies }: PackedTemplates): Readonly<Record<string, TemplateBody>> {
  return JSON.parse(brotliDecompressSync(Buffer.from(bodies, 'base64')).toString('utf8')) as Record<string, TemplateBody>;
}
