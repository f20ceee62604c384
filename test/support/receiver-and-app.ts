import { adminApi } from './api';
import { HttpsReceiver } from './https-receiver';
import { plansByPath } from './plans-by-path';
import { startTestApp, type TestApp } from './test-app';

export interface ReceiverAndApp {
  app: TestApp;
  receiver: HttpsReceiver;
  h: ReturnType<typeof adminApi>;
  /** Each path's answers; a path without a plan gets 200. */
  plans: ReturnType<typeof plansByPath>;
}

/**
 * For one describe block: an HTTPS receiver on port 443 that answers by path, and an app started
 * with `env`. The fields are set by the block's first beforeAll; both are closed after the block,
 * also when starting the other failed.
 */
export function receiverAndApp(env: Record<string, string>): ReceiverAndApp {
  const s = {} as ReceiverAndApp;
  const started: { app?: TestApp; receiver?: HttpsReceiver } = {};
  beforeAll(async () => {
    s.receiver = started.receiver = await HttpsReceiver.start({ port: 443 });
    s.plans = plansByPath(s.receiver);
    s.app = started.app = await startTestApp(env);
    s.h = adminApi(s.app);
  });
  afterAll(async () => {
    await started.app?.close();
    await started.receiver?.close();
  });
  return s;
}
