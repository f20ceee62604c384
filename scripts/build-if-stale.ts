import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm start`'s prestart: builds only when a source is newer than the build (`make`'s rule), so a
 * restart without changes starts at once instead of after a 6-7 s `nest build`.
 */
const root = resolve(__dirname, '..');
const INPUTS = ['src', 'migrations', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
const OUTPUT = join(root, 'dist', 'src', 'main.js');

/** The newest modification time under `path`; folders count too, so a deleted file is a change. */
export function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtimeMs(join(path, name))), stat.mtimeMs);
}

export function isStale(rootDir: string, inputs: string[], output: string): boolean {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((input) => newestMtimeMs(join(rootDir, input)) > built);
}

if (require.main === module) {
  if (!isStale(root, INPUTS, OUTPUT)) {
    console.log('dist/ is newer than every source: not rebuilt (`npm run build` forces a build)');
  } else {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      // A failed build may have written some files; the next start must not take them as current.
      rmSync(OUTPUT, { force: true });
      process.exit(build.status ?? 1);
    }
  }
}
