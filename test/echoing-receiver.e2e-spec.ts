import { receiverAndApp } from './support/receiver-and-app';
import { receiverUrl } from './support/receiver-host';

/** A base64-like secret (with / + =) that also holds the characters JSON escapes (" and \). */
const SECRET = 'Ka7sP2/mQ9zL+xR4wN"vT8pJ\\wY3hG==';
/** Its runs between special characters: none may show anywhere, whichever way it was encoded. */
const FRAGMENTS = ['Ka7sP2', 'mQ9zL', 'xR4wN', 'vT8pJ', 'wY3hG'];
const EXCERPT_BYTES = 4096;

describe('a receiver that echoes the request back (HTTPS receiver on 127.0.0.1:443)', () => {
  const s = receiverAndApp({ RETRY_SCHEDULE: '60s', RETRY_JITTER: '0', DELIVERY_TIMEOUT_MS: '2000' });

  const hook = (path: string, extra: Record<string, unknown> = {}) =>
    s.h.createWebhook({ Endpoint: receiverUrl(path), InsecureSSL: true, ...extra }, [{ EventType: 'QueueCallInArrived', AllEntities: true }]);
  const retire = (id: string) => s.h.api().patch(`/api/webhooks/${id}`).send({ IsActive: false }).expect(200);
  const expectNoSecret = (shown: unknown) => {
    const text = JSON.stringify(shown);
    for (const fragment of FRAGMENTS) expect(text).not.toContain(fragment);
  };

  async function firstAttempt(webhookId: string) {
    const emitted = await s.h.emit({ EventType: 'QueueCallInArrived' });
    const delivery = emitted.Deliveries.find((d) => d.WebhookId === webhookId);
    if (!delivery) throw new Error('no delivery for the webhook');
    return s.h.waitForDelivery(delivery.Id, (d) => d.AttemptLog.length === 1);
  }

  it('masks the token echoed JSON-escaped in the body and percent-encoded in a redirect, in the log, the resend answer and the webhook', async () => {
    // A PHP-style echo: json_encode escapes / as \/ (and " and \ as every encoder does); the
    // redirect carries the token in its query string, percent-encoded.
    s.plans.set('/echo', (_i, req) => ({
      status: 302,
      headers: {
        Location: `https://login.example.com/?token=${encodeURIComponent(req.headers['x-benemen-token'])}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ headers: req.headers }).replaceAll('/', '\\/'),
    }));
    const echo = await hook('/echo', { Secret: SECRET });
    const healthy = await hook('/healthy-beside-echo', { Secret: SECRET });

    const d = await firstAttempt(echo.Id);
    expect(s.receiver.requests.find((r) => r.path === '/echo')?.headers['x-benemen-token']).toBe(SECRET);
    expect(d.AttemptLog[0]).toMatchObject({ Outcome: 'http_status', StatusCode: 302 });
    expect(d.AttemptLog[0].ResponseHeaders.location).toBe('https://login.example.com/?token=***');
    expect(d.AttemptLog[0].ResponseBodyExcerpt).toContain('"x-benemen-token":"***"');
    expectNoSecret(d);

    const resent = await s.h.api().post(`/api/deliveries/${d.Id}/resend`).expect(200);
    expect(resent.body.AttemptLog).toHaveLength(2);
    expectNoSecret(resent.body);
    expectNoSecret((await s.h.api().get(`/api/webhooks/${echo.Id}`).expect(200)).body);
    expectNoSecret((await s.h.api().get('/api/deliveries').query({ webhookId: echo.Id }).expect(200)).body);

    const beside = await s.h.api().get('/api/deliveries').query({ webhookId: healthy.Id, status: 'delivered', waitMs: 5000 }).expect(200);
    expect(beside.body.Items).toHaveLength(1);
    await retire(echo.Id);
    await retire(healthy.Id);
  });

  it('masks the token in an HTML error page that shows the request headers escaped', async () => {
    // What escape-html (Express) and most templates do: & < > " ' as character references.
    const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replaceAll('&#34;', '&quot;');
    s.plans.set('/html-error', (_i, req) => ({
      status: 500,
      headers: { 'Content-Type': 'text/html' },
      body: `<h1>Internal Server Error</h1><table>${Object.entries(req.headers)
        .map(([k, v]) => `<tr><td>${k}</td><td>${escapeHtml(v)}</td></tr>`)
        .join('')}</table>`,
    }));
    const page = await hook('/html-error', { Secret: SECRET });

    const d = await firstAttempt(page.Id);
    expect(d.AttemptLog[0].ResponseBodyExcerpt).toContain('<td>x-benemen-token</td><td>***</td>');
    expectNoSecret(d);
    await retire(page.Id);
  });

  it('masks a token that the 4 KiB excerpt would cut in two', async () => {
    const start = EXCERPT_BYTES - FRAGMENTS[0].length;
    s.plans.set('/long-echo', (_i, req) => ({ status: 500, body: `${'.'.repeat(start)}${req.headers['x-benemen-token']} and more` }));
    const echo = await hook('/long-echo', { Secret: SECRET });

    const d = await firstAttempt(echo.Id);
    const excerpt: string = d.AttemptLog[0].ResponseBodyExcerpt;
    expect(excerpt.startsWith('.'.repeat(start))).toBe(true);
    expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(EXCERPT_BYTES);
    expectNoSecret(d);
    await retire(echo.Id);
  });
});
