import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { bundling, sdkExternal } from '../../infra/wiring/bundling.ts';
import { stubModuleSource } from './floor.ts';

export type Bundle = {
  file: string;
  bytes: number;
  /** Bytes of the minified output per npm package (or per `functions/<folder>` for Stoke's own code), largest first. */
  packages: Record<string, number>;
  /** The metafile's input paths (relative to the repository): what esbuild put in the bundle. */
  inputs: string[];
};

/**
 * Bundles an entry exactly as the stack does; returns the file, its size in bytes
 * and what it is made of. `sdk-external` is the alternative the stack does not
 * deploy (the whole AWS SDK left to the runtime), kept for comparison. Bundles are written
 * below the repository (`outDir`) so that an SDK left external resolves from
 * node_modules, as it resolves from the runtime's copy on Lambda. `stub` replaces
 * one npm package with a do-nothing stand-in, to measure what loading it costs.
 */
export async function bundle(entry: string, outDir: string, variant: 'deployed' | 'sdk-external' = 'deployed', stub?: string): Promise<Bundle> {
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
    legalComments: bundling.legalComments,
    external: variant === 'deployed' ? [...bundling.external] : [...sdkExternal],
    banner: { js: bundling.banner },
    metafile: true,
    logLevel: 'silent',
    plugins: stub ? [stubPlugin(stub)] : [],
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const packages: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? (input.startsWith('functions/') ? input.split('/').slice(0, 2).join('/') : input);
    packages[name] = (packages[name] ?? 0) + bytesInOutput;
  }
  return { file, bytes: output.bytes, packages: Object.fromEntries(Object.entries(packages).sort((a, b) => b[1] - a[1])), inputs: Object.keys(output.inputs) };
}

function stubPlugin(pkg: string): esbuild.Plugin {
  const specifier = new RegExp(`^${pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`);
  return {
    name: 'stub-package',
    setup(build) {
      build.onResolve({ filter: specifier }, ({ path }) => ({ path, namespace: 'stub-package' }));
      // The stand-in exports what the real module exports, so every named import of it still binds.
      build.onLoad({ filter: /.*/, namespace: 'stub-package' }, async ({ path }) => ({ contents: stubModuleSource(Object.keys(await import(path))), loader: 'js' }));
    },
  };
}

/** A handler that does nothing: the baseline a module-load time is compared with. */
export async function emptyHandlerEntry(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const entry = join(dir, 'empty-handler.ts');
  await writeFile(entry, 'export const handler = async () => ({ statusCode: 200, body: "" });\n');
  return entry;
}
