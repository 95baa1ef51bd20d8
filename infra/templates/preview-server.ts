import { createServer, type ServerResponse } from 'node:http';
import { compileTemplates, templatesFolder } from './compile-templates.ts';
import { previewCompany } from './preview-company.ts';
import { overviewPage, type PreviewState, templatePage } from './preview-page.ts';
import { watchFolder } from './watch-folder.ts';

// Usage: npm run templates:preview, then open http://localhost:8010 (PREVIEW_PORT to change it).
const port = Number(process.env.PREVIEW_PORT ?? 8010);
// A new start changes every version, so an open page reloads when the preview comes back.
const boot = Date.now().toString(36);
let builds = 0;
// Who the emails are sent as: COMPANY_NAME and COMPANY_POSTAL_ADDRESS from the shell, as the functions read them; samples where unset.
const company = previewCompany(process.env);
let state: PreviewState = { version: boot, checkedAt: new Date(), templates: {}, problems: [], company };
const listeners = new Set<ServerResponse>();

async function check(): Promise<PreviewState> {
  const version = `${boot}.${++builds}`;
  try {
    return { version, checkedAt: new Date(), company, ...(await compileTemplates(templatesFolder)) };
  } catch (error) {
    // A file vanishing mid-save must not stop the preview: show it, and the next save checks again.
    return { ...state, version, checkedAt: new Date(), problems: [{ file: 'templates', reason: `the check stopped: ${(error as Error).message}` }] };
  }
}

state = await check();

// One check at a time: a save during a check is picked up by the next one.
let pending = Promise.resolve();
watchFolder(templatesFolder, () => {
  pending = pending.then(async () => {
    state = await check();
    for (const listener of listeners) listener.write(`data: ${state.version}\n\n`);
    console.log(`${state.checkedAt.toLocaleTimeString('en-GB')} checked: ${Object.keys(state.templates).length} emails, ${state.problems.length} problems`);
  });
});

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://preview').pathname;
  if (path === '/events') {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    response.write(`retry: 1000\ndata: ${state.version}\n\n`);
    listeners.add(response);
    request.on('close', () => listeners.delete(response));
    return;
  }
  const html = path === '/' ? overviewPage(state) : path.startsWith('/t/') ? templatePage(state, idIn(path)) : undefined;
  response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html ?? '<!doctype html><p>No such email. <a href="/">See all emails</a>.</p>');
});

function idIn(path: string): string {
  try {
    return decodeURIComponent(path.slice('/t/'.length));
  } catch {
    return '';
  }
}

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is taken: run with another one, e.g. PREVIEW_PORT=${port + 1} npm run templates:preview` : error.message);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Email preview: http://localhost:${port}/  (watching templates/, Ctrl+C to stop)`);
  console.log(`${Object.keys(state.templates).length} emails, ${state.problems.length} problems`);
  for (const [part, label] of [['name', 'Company name  '], ['postalAddress', 'Postal address']] as const) {
    const source = company.sources[part];
    const why = source.from === 'setting' ? `from ${source.setting}` : `sample: ${source.setting} ${source.invalid ? `refused, ${source.invalid}` : 'not set'}`;
    console.log(`${label}  ${company.company[part]}  (${why})`);
  }
});
