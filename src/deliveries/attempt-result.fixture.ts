import type { AttemptResult } from './http-sender';

/** An attempt's result for specs: 200 when delivered, else 500, no response body. */
export const attemptResult = (outcome: AttemptResult['outcome'], endedAt = new Date().toISOString(), durationMs = 1): AttemptResult => ({
  outcome,
  statusCode: outcome === 'delivered' ? 200 : 500,
  errorMessage: null,
  responseHeaders: null,
  responseBodyExcerpt: null,
  responseBodyBytes: 0,
  startedAt: new Date(endedAt),
  endedAt: new Date(endedAt),
  durationMs,
});
