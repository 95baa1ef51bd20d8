import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * The AWS SDK clients esbuild put in a function's bundle, by package, with the
 * commands of each that it kept: what the function reaches, read from the
 * metafile rather than declared, so the floor follows the code.
 */
export function awsClientsInBundle(inputs: Iterable<string>): Record<string, string[]> {
  const clients: Record<string, Set<string>> = {};
  for (const input of inputs) {
    const match = /node_modules\/(@aws-sdk\/client-[^/]+)\/(.*)$/.exec(input);
    if (!match) continue;
    const commands = (clients[match[1]!] ??= new Set());
    const command = /(?:^|\/)commands\/(\w+Command)\.js$/.exec(match[2]!)?.[1];
    if (command) commands.add(command);
  }
  return Object.fromEntries(Object.entries(clients).sort(([a], [b]) => a.localeCompare(b)).map(([pkg, commands]) => [pkg, [...commands].sort()]));
}

/** A client module of functions/platform/clients: the one place a client is created. */
export type ClientModule = { file: string; exportName: string };

/** Which module of `dir` creates the client of each `@aws-sdk/client-*` package, and the name it exports it under. */
export async function clientModulesByPackage(dir: string): Promise<Record<string, ClientModule>> {
  const modules: Record<string, ClientModule> = {};
  for (const name of (await readdir(dir)).filter((file) => file.endsWith('.ts')).sort()) {
    const source = await readFile(join(dir, name), 'utf8');
    const pkg = /from '(@aws-sdk\/client-[^']+)'/.exec(source)?.[1];
    const exportName = /export const (\w+) = awsClient\(/.exec(source)?.[1];
    if (pkg && exportName) modules[pkg] = { file: join(dir, name), exportName };
  }
  return modules;
}

/**
 * The source of the floor bundle's entry: the function's clients created by the
 * very modules the handlers import (so `awsClient()` and each client's settings
 * come with them), and the commands it sends, referenced so esbuild keeps them.
 * Nothing else of Stoke, and nothing is called.
 */
export function floorEntrySource(clients: Record<string, string[]>, modules: Record<string, ClientModule>, entryDir: string): string {
  const lines: string[] = [];
  const kept: string[] = [];
  for (const [pkg, commands] of Object.entries(clients)) {
    const module = modules[pkg];
    if (!module) throw new Error(`no module in functions/platform/clients creates the ${pkg} client`);
    const specifier = relative(entryDir, module.file).split(sep).join('/');
    lines.push(`import { ${module.exportName} } from '${specifier.startsWith('.') ? specifier : `./${specifier}`}';`);
    kept.push(module.exportName);
    if (commands.length > 0) {
      lines.push(`import { ${commands.join(', ')} } from '${pkg}';`);
      kept.push(...commands);
    }
  }
  lines.push(`const kept = [${kept.join(', ')}];`);
  lines.push('export const handler = async () => ({ statusCode: 200, body: String(kept.length) });');
  return `${lines.join('\n')}\n`;
}

/** Bytes a function's bundle holds beyond its floor, per package, largest first: where extra load time can come from. */
export function bytesBeyondFloor(functionPackages: Record<string, number>, floorPackages: Record<string, number>): Array<{ name: string; bytes: number }> {
  return Object.entries(functionPackages)
    .map(([name, bytes]) => ({ name, bytes: bytes - (floorPackages[name] ?? 0) }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

export const isAwsSdkPackage = (name: string) => name.startsWith('@aws-sdk/') || name.startsWith('@smithy/') || name.startsWith('@aws-crypto/');

/** The largest npm packages beyond the floor that are not AWS SDK: the ones worth stubbing out to see what they cost. */
export function heaviestNonSdkPackages(beyond: Array<{ name: string; bytes: number }>, count: number): string[] {
  return beyond.filter(({ name }) => !isAwsSdkPackage(name) && !name.startsWith('functions/') && !name.startsWith('<') && !name.includes('.')).slice(0, count).map(({ name }) => name);
}

/**
 * What a stubbed-out package resolves to: a module with the package's export
 * names, each an object that answers any property, call or `new` with itself, so
 * module-scope code using the package (zod schemas, a Liquid engine) still loads
 * while the package's own code is gone.
 */
export function stubModuleSource(exportNames: readonly string[]): string {
  const names = exportNames.filter((name) => name !== 'default');
  return `const stub = new Proxy(function stub() {}, {
  get: (_, key) => (key === Symbol.toPrimitive ? () => '' : key === Symbol.iterator ? function* () {} : key === 'then' ? undefined : stub),
  apply: () => stub,
  construct: () => stub,
});
export default stub;
${names.length > 0 ? `export { ${names.map((name) => `stub as ${JSON.stringify(name)}`).join(', ')} };\n` : ''}`;
}
