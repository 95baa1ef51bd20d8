import { type FSWatcher, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';

/**
 * Calls `onChange` on any change under `root`, at most once per burst of events.
 * Watches every folder rather than using `recursive`: on Linux, Node 20's recursive
 * watch follows files, and loses one that an editor saves by writing a new file and
 * renaming it over the old one.
 */
export function watchFolder(root: string, onChange: () => void, quietMs = 150): void {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      follow();
      onChange();
    }, quietMs);
  };
  // Folders come and go (a new track, a renamed one): re-read the tree on every change.
  const follow = () => {
    const folders = new Set([root, ...foldersUnder(root)]);
    for (const [folder, watcher] of watchers) {
      if (!folders.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        watchers.set(folder, watch(folder, changed).on('error', changed));
      } catch {
        // Gone between reading the tree and watching it: the change it caused is already on its way.
      }
    }
  };
  follow();
}

function foldersUnder(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}
