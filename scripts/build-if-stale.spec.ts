import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isStale } from './build-if-stale';

describe('isStale (npm start rebuilds only when needed)', () => {
  let dir: string;
  const at = (path: string, seconds: number) => utimesSync(join(dir, path), seconds, seconds);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'build-if-stale-'));
    mkdirSync(join(dir, 'src/sub'), { recursive: true });
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'src/sub/a.ts'), '');
    writeFileSync(join(dir, 'package.json'), '{}');
    writeFileSync(join(dir, 'dist/main.js'), '');
    for (const p of ['src/sub/a.ts', 'src/sub', 'src', 'package.json']) at(p, 1000);
    at('dist/main.js', 2000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const stale = () => isStale(dir, ['src', 'package.json', 'nest-cli.json'], join(dir, 'dist/main.js'));

  it('is current when every input is older than the build, a missing input included', () => {
    expect(stale()).toBe(false);
  });

  it('is stale when a nested source changed, a file was removed, or package.json changed', () => {
    at('src/sub/a.ts', 3000);
    expect(stale()).toBe(true);
    at('src/sub/a.ts', 1000);
    at('src/sub', 3000); // what deleting or adding a file in the folder does
    expect(stale()).toBe(true);
    at('src/sub', 1000);
    at('package.json', 3000);
    expect(stale()).toBe(true);
  });

  it('is stale when there is no build', () => {
    rmSync(join(dir, 'dist/main.js'));
    expect(stale()).toBe(true);
  });
});
