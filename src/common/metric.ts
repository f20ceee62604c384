import { register } from 'prom-client';

/** One instance per metric name: several Nest apps in one process (tests) share prom-client's registry. */
export function metric<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}
