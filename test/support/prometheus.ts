/** The value of the first sample of `name` whose labels include every one of `labels` (0 when none). */
export function sample(metrics: string, name: string, ...labels: string[]): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
  return line ? Number(line.split(' ').pop()) : 0;
}
