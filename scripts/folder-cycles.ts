import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { preProcessFile } from 'typescript';

/** One folder-to-folder import, with a file that makes it (for the message). */
export interface FolderEdge {
  from: string;
  to: string;
  example: string;
}

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** The first-level folders of `root` and which import which (specs included; files directly in `root` are the composition root). */
export function folderEdges(root: string): FolderEdge[] {
  const edges = new Map<string, FolderEdge>();
  const folderOf = (path: string) => {
    const parts = relative(root, path).split(sep);
    return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
  };
  for (const file of sources(root)) {
    const from = folderOf(file);
    if (!from) continue;
    // Type-only imports count too: they are a dependency of the code's shape, not just of its run.
    for (const { fileName } of preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      // `../landis` names the folder itself (its index.ts): that is an import of the folder too.
      const target = resolve(dirname(file), fileName);
      const to = folderOf(existsSync(target) && statSync(target).isDirectory() ? join(target, 'index.ts') : target);
      if (to && to !== from && !edges.has(`${from}>${to}`)) edges.set(`${from}>${to}`, { from, to, example: relative(root, file) });
    }
  }
  return [...edges.values()];
}

/** Groups of folders that import each other, directly or through others (Tarjan's strongly connected components). */
export function folderCycles(edges: FolderEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do group.push((w = stack.pop()!));
      while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Each cycle with the imports that close it, e.g. `webhooks -> deliveries (webhooks/x.ts)`. */
export function describeCycles(edges: FolderEdge[]): string[] {
  return folderCycles(edges).map((group) =>
    edges
      .filter((e) => group.includes(e.from) && group.includes(e.to))
      .map((e) => `${e.from} -> ${e.to} (${e.example})`)
      .join('; '),
  );
}
