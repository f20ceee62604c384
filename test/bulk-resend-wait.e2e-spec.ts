import { receiverAndApp } from './support/receiver-and-app';
import { receiverUrl } from './support/receiver-host';

const DELIVERIES = 40;
const TIMEOUT_MS = 2000;

describe('bulk resend to a receiver that never answers', () => {
  const s = receiverAndApp({ DELIVERY_TIMEOUT_MS: String(TIMEOUT_MS), RETRY_JITTER: '0' });

  it('answers within one resend wait, listing the attempts still to come as Queued, and still makes them', async () => {
    // Each delivery fails fast once (500) and waits an hour for its retry; then the receiver hangs.
    s.plans.set('/silent', (i) => (i < DELIVERIES ? { status: 500 } : { hang: true }));
    const webhook = await s.h.createWebhook({ Endpoint: receiverUrl('/silent'), InsecureSSL: true, RetrySchedule: '1h' }, [
      { EventType: 'UserStatus', AllEntities: true },
    ]);
    for (let i = 0; i < DELIVERIES; i++) await s.h.emit({ EventType: 'UserStatus' });
    await s.receiver.waitForCount(DELIVERIES, 10_000);

    const started = Date.now();
    const answer = await s.h.api().post('/api/deliveries/resend').send({ webhookId: webhook.Id, max: DELIVERIES }).expect(200);
    const tookMs = Date.now() - started;
    // Each resend waiting its own time-out + 5 s in turn, four at a time, took 10 rounds of 2 s here.
    expect(tookMs).toBeLessThan(TIMEOUT_MS + 5000 + 5000);
    const body = answer.body as { Matched: number; Resent: number; Failed: number; Results: { Queued?: boolean; Status: string }[] };
    expect(body).toMatchObject({ Matched: DELIVERIES, Resent: DELIVERIES, Failed: 0 });
    const queued = body.Results.filter((r) => r.Queued === true);
    expect(queued.length).toBeGreaterThan(0);
    for (const r of body.Results.filter((x) => x.Queued !== true)) expect(r.Status).toBe('retrying');

    // Queued means sent later: the receiver sees more manual attempts after the answer.
    const silent = () => s.receiver.requests.filter((x) => x.path === '/silent').length;
    const seenAtAnswer = silent();
    await s.receiver.waitFor(() => silent() > seenAtAnswer, 30_000);
  }, 90_000);
});
