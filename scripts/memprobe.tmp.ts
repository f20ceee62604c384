import { ensureServices } from '../test/support/services';
import { benchBacklogMemory } from './bench/memory-bench';
void (async () => {
  const s = await ensureServices();
  const f = await benchBacklogMemory(Number(process.argv[2] ?? 30000));
  console.log(process.env.BENCH_WORKER_NODE_ARGS ?? '(none)', JSON.stringify(f));
  for (const x of s.reverse()) await x.stop();
  process.exit(0);
})();
