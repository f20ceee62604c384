import { receiverAndApp } from './support/receiver-and-app';
import { receiverUrl } from './support/receiver-host';

describe('answers that are valid HTTP but unusual (HTTPS receiver on 127.0.0.1:443)', () => {
  const s = receiverAndApp({ RETRY_SCHEDULE: '60s', RETRY_JITTER: '0', DELIVERY_TIMEOUT_MS: '2000' });

  const hook = (path: string) =>
    s.h.createWebhook({ Endpoint: receiverUrl(path), InsecureSSL: true }, [{ EventType: 'QueueCallInArrived', AllEntities: true }]);
  const retire = (id: string) => s.h.api().patch(`/api/webhooks/${id}`).send({ IsActive: false }).expect(200);

  it('logs a 304 or 204 with a Content-Length (and so no body) as the status it is, not as a reset connection', async () => {
    // A 304 may carry the Content-Length of the representation it stands for (RFC 9110 8.6).
    s.plans.set('/not-modified', () => ({ status: 304, headers: { 'Content-Length': '120', ETag: '"v1"' } }));
    s.plans.set('/no-content', () => ({ status: 204, headers: { 'Content-Length': '5' } }));
    const hooks = [await hook('/not-modified'), await hook('/no-content'), await hook('/healthy-beside-odd')];

    const emitted = await s.h.emit({ EventType: 'QueueCallInArrived' });
    const [notModified, noContent, healthy] = hooks.map((w) => emitted.Deliveries.find((d) => d.WebhookId === w.Id)!.Id);
    const first = (id: string) => s.h.waitForDelivery(id, (d) => d.AttemptLog.length === 1).then((d) => d.AttemptLog[0]);

    expect(await first(notModified)).toMatchObject({ Outcome: 'http_status', StatusCode: 304, ErrorMessage: null, ResponseHeaders: { etag: '"v1"' } });
    expect(await first(noContent)).toMatchObject({ Outcome: 'http_status', StatusCode: 204, ErrorMessage: null });
    expect(await first(healthy)).toMatchObject({ Outcome: 'delivered', StatusCode: 200 });
    for (const w of hooks) await retire(w.Id);
  });

  it('skips a 103 Early Hints before the answer, and names a 100 Continue (which it cannot read past) in the error', async () => {
    s.plans.set('/early-hints', () => ({ interim: 103, status: 200 }));
    s.plans.set('/continue', () => ({ interim: 100, status: 200 }));
    const hooks = [await hook('/early-hints'), await hook('/continue')];

    const emitted = await s.h.emit({ EventType: 'QueueCallInArrived' });
    const [hints, cont] = hooks.map((w) => emitted.Deliveries.find((d) => d.WebhookId === w.Id)!.Id);
    const first = (id: string) => s.h.waitForDelivery(id, (d) => d.AttemptLog.length === 1).then((d) => d.AttemptLog[0]);

    expect(await first(hints)).toMatchObject({ Outcome: 'delivered', StatusCode: 200 });
    expect(await first(cont)).toMatchObject({ Outcome: 'connection_reset', StatusCode: null, ErrorMessage: expect.stringMatching(/100 Continue/) });
    for (const w of hooks) await retire(w.Id);
  });

  it('keeps the part of the body that arrived when the answer is cut off or stalls after its status', async () => {
    const partial = '{"error":"database unavailable, retry later"';
    s.plans.set('/reset-mid-body', () => ({ status: 503, body: partial, unfinished: 'reset' }));
    s.plans.set('/stall-mid-body', () => ({ status: 200, body: partial, unfinished: 'stall' }));
    const hooks = [await hook('/reset-mid-body'), await hook('/stall-mid-body'), await hook('/healthy-beside-cut')];

    const emitted = await s.h.emit({ EventType: 'QueueCallInArrived' });
    const [reset, stalled, healthy] = hooks.map((w) => emitted.Deliveries.find((d) => d.WebhookId === w.Id)!.Id);
    const first = (id: string) => s.h.waitForDelivery(id, (d) => d.AttemptLog.length === 1, 10_000).then((d) => d.AttemptLog[0]);

    const seen = { ResponseBodyExcerpt: partial, ResponseBodyBytes: partial.length, Note: expect.any(String) };
    expect(await first(reset)).toMatchObject({ Outcome: 'connection_reset', StatusCode: 503, ...seen });
    expect(await first(stalled)).toMatchObject({ Outcome: 'timeout', StatusCode: 200, ...seen });
    expect(await first(healthy)).toMatchObject({ Outcome: 'delivered', StatusCode: 200 });
    for (const w of hooks) await retire(w.Id);
  });
});
