import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { bundling } from '../../infra/wiring/bundling.ts';

/** Bundles an entry exactly as the stack does; returns the file and its size in bytes. */
export async function bundle(entry: string, outDir: string): Promise<{ file: string; bytes: number }> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, 'index.mjs');
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    format: bundling.format,
    platform: bundling.platform,
    target: bundling.target,
    mainFields: [...bundling.mainFields],
    minify: bundling.minify,
    treeShaking: bundling.treeShaking,
    banner: { js: bundling.banner },
    metafile: true,
    logLevel: 'silent',
  });
  return { file, bytes: result.metafile.outputs[Object.keys(result.metafile.outputs)[0]!]!.bytes };
}

/** A handler that does nothing: the baseline a module-load time is compared with. */
export async function emptyHandlerEntry(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const entry = join(dir, 'empty-handler.ts');
  await writeFile(entry, 'export const handler = async () => ({ statusCode: 200, body: "" });\n');
  return entry;
}
