import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeProblems, dockerfileProblems, readmeProblems } from './deploy/deploy-checks';

/**
 * `npm run lint:deploy` (part of `npm run lint`): lints the Dockerfile, validates
 * docker-compose.yml against the Compose Specification, and checks that README, compose and the
 * service's configuration agree. Runs `docker compose config` too where the Compose plugin exists.
 */
const root = resolve(__dirname, '..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');
const problems = [...dockerfileProblems(read('Dockerfile')), ...composeProblems(read('docker-compose.yml')), ...readmeProblems(read('README.md'))];

try {
  execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
  try {
    execFileSync('docker', ['compose', 'config', '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    problems.push(`docker compose config: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
  }
} catch {
  console.log('check-deploy: no Docker Compose here, so `docker compose config` was not run (the schema check above was)');
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('check-deploy: Dockerfile, docker-compose.yml and README agree');
