import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The console's own files (copied beside the compiled code by nest build's assets). */
export const PUBLIC_DIR = join(__dirname, 'public');

/** The libraries the console imports, served from node_modules: nothing from a CDN, works offline. */
// Their package exports hide the ES module files, so the files are found beside each main entry (dist/).
const dist = (name: string): string => dirname(require.resolve(name));
export const VENDOR_FILES: Record<string, string> = {
  'preact.mjs': join(dist('preact'), 'preact.module.js'),
  'hooks.mjs': join(dist('preact'), '..', 'hooks', 'dist', 'hooks.module.js'),
  'htm.mjs': join(dist('htm'), 'htm.module.js'),
  'htm-preact.mjs': join(dist('htm'), '..', 'preact', 'index.module.js'),
  'uPlot.mjs': join(dist('uplot'), 'uPlot.esm.js'),
  'uPlot.css': join(dist('uplot'), 'uPlot.min.css'),
};

/** Only names listed here are served: no path from a request ever reaches the file system. */
export function publicFiles(): Set<string> {
  return new Set(readdirSync(PUBLIC_DIR).filter((f) => !f.startsWith('.')));
}
