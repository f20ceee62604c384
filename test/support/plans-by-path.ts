import type { HttpsReceiver, ReceivedRequest, ResponsePlan } from './https-receiver';

/**
 * Makes the receiver answer each request by its path's plan, given the request's index among that
 * path's requests (200 when the path has none) and the request itself (for a receiver that echoes
 * it). Tests route by path, so each can set its own.
 */
export function plansByPath(receiver: HttpsReceiver): Map<string, (index: number, req: ReceivedRequest) => ResponsePlan> {
  const plans = new Map<string, (index: number, req: ReceivedRequest) => ResponsePlan>();
  const counters = new Map<string, number>();
  receiver.respondWith((req) => {
    const n = counters.get(req.path) ?? 0;
    counters.set(req.path, n + 1);
    return plans.get(req.path)?.(n, req) ?? { status: 200 };
  });
  return plans;
}
