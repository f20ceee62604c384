import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Which files a fresh process has loaded after building the root module of `role` (its own process: Jest's registry is not node's). */
function loadedFor(role: string): string[] {
  const script = `
    const { roleModule } = require('./src/roles/role-module');
    require('./src/bootstrap');
    roleModule({ role: '${role}' });
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: resolve(__dirname, '../..'), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
}

const loads = (files: string[], part: string) => files.some((f) => f.includes(part));

describe('roleModule', () => {
  it('a worker loads none of the admin API: no controllers, no Swagger, no CLI', () => {
    const files = loadedFor('worker');
    expect(loads(files, 'delivery.processor')).toBe(true);
    for (const part of ['@nestjs/swagger', '.controller.', 'admin-api.module', 'openapi-document', '/src/cli/'])
      expect({ part, loaded: loads(files, part) }).toEqual({ part, loaded: false });
  }, 60_000);

  it('an api process loads its controllers', () => {
    expect(loads(loadedFor('api'), 'deliveries.controller')).toBe(true);
  }, 60_000);
});
