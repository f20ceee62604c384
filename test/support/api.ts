import request from 'supertest';
import type { TestApp } from './test-app';

/** Small helpers over the admin API, so tests read as a user's steps. */
export function adminApi(app: TestApp) {
  const server = app.http!.getHttpServer();
  const api = () => request(server);
  return {
    api,
    async createWebhook(webhook: Record<string, unknown>, subscriptions: Record<string, unknown>[]) {
      const res = await api().post('/api/webhooks').send({ Webhook: webhook, Subscriptions: subscriptions });
      if (res.status !== 201) throw new Error(`creating the webhook failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { Id: string; Subscriptions: { Id: string }[] };
    },
    async emit(body: Record<string, unknown>) {
      const res = await api().post('/api/events').send(body);
      if (res.status !== 201) throw new Error(`emitting failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { Payload: Record<string, unknown>; Deliveries: { Id: string; WebhookId: string }[] };
    },
    async delivery(id: string) {
      return (await api().get(`/api/deliveries/${id}`).expect(200)).body;
    },
    /** Polls a delivery until `done` holds (the worker runs asynchronously). */
    async waitForDelivery(id: string, done: (d: { Status: string; AttemptLog: unknown[] } & Record<string, unknown>) => boolean, timeoutMs = 10_000) {
      const started = Date.now();
      for (;;) {
        const d = (await api().get(`/api/deliveries/${id}`).expect(200)).body;
        if (done(d)) return d;
        if (Date.now() - started > timeoutMs) throw new Error(`delivery ${id} did not reach the expected state: ${JSON.stringify(d)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
