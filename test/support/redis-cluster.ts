import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { freePort } from '../../src/common/free-port';

/** A throw-away Redis Cluster of three masters on loopback ports, from the redis-server on PATH. */
export interface TestRedisCluster {
  /** host:port of every master, the form REDIS_CLUSTER_NODES takes. */
  nodes: string[];
  /** Stops the redis-server processes this started (by PID) and removes their folder. */
  stop(): Promise<void>;
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    process.kill(child.pid!, 'SIGTERM');
  });

export async function startRedisCluster(masters = 3): Promise<TestRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'emu-redis-cluster-'));
  const children: ChildProcess[] = [];
  const nodes: string[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      // The bus port is set too: the default (port + 10000) may lie beyond 65535 for an ephemeral port.
      const [port, busPort] = [await freePort(), await freePort()];
      const child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--cluster-port',
          String(busPort),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(dir, `nodes-${port}.conf`),
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
      nodes.push(`127.0.0.1:${port}`);
    }
    await waitFor(() => nodes.every((n) => cli(n, 'PING') === 'PONG'), 'the nodes answer PING');
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    await waitFor(() => nodes.every((n) => cli(n, 'CLUSTER', 'INFO').includes('cluster_state:ok')), 'cluster_state:ok on every node');
    return { nodes, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** A client of the cluster, for a test's own checks. */
export function clusterClient(cluster: TestRedisCluster): Cluster {
  return new Cluster(cluster.nodes.map((n) => ({ host: n.split(':')[0], port: Number(n.split(':')[1]) })));
}

function cli(node: string, ...args: string[]): string {
  const [host, port] = node.split(':');
  return spawnSync('redis-cli', ['-h', host, '-p', port, ...args], { encoding: 'utf8', timeout: 5000 }).stdout?.trim() ?? '';
}

async function waitFor(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Redis Cluster: no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
