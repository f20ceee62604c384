import { EVENT_TYPE_NAMES } from '../src/catalog/event-catalog';
import { DEMO } from '../src/organization/demo-organization';
import { adminApi } from './support/api';
import { HttpsReceiver, type ResponsePlan } from './support/https-receiver';
import { CapturingLogger } from './support/capturing-logger';
import { startTestApp, type TestApp } from './support/test-app';
import { receiverUrl } from './support/receiver-host';

type Payload = Record<string, unknown> & { Id: string; EventType: string };
const json = (body: unknown): ResponsePlan => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const [anna, , laura, jukka] = DEMO.users;

/** What the customer's SmartRouting endpoint answers, by caller number (anum). */
const ANSWERS: Record<string, ResponsePlan> = {
  '+358501231234': json({ InitialTarget: DEMO.queues.vip }), // the seed's VIP example
  '+358500000002': json({ InitialTarget: 'DISCONNECT:', CustomTTS: 'This call will be disconnected, sorry about that' }),
  '+358500000003': json({ InitialTarget: '+358123456789' }),
  '+358500000004': json({ RequiredTarget: laura.userName }),
  '+358500000005': json({ AllocationTargets: [jukka.userName] }),
  '+358500000006': json({ Priority: 20000 }),
  '+358500000007': { status: 500 },
  '+358500000008': { status: 200, headers: { 'Content-Type': 'text/plain' }, body: '{"InitialTarget":"x"}' },
  '+358500000009': { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{not json' },
  '+358500000011': { hang: true },
  '+358500000013': { status: 404 },
  '+358500000014': json({ Priority: 10000 }),
  '+358500000012': json({ ExtraPriority: 100 }),
  '+358500000010': json({ InitialTarget: DEMO.queues.vip, CustomTTS: '[en-GB] Greetings caller. [fi-FI] Tervehdys soittaja', Colour: 'blue' }),
  // An endpoint that echoes the API key into the instructions it answers.
  '+358500000015': json({ CustomTTS: 'Your key is key-1234-secret', CustomMSI: 'key-1234-secret,60', FailTarget: 'key-1234-secret' }),
  '+358500000016': json({ InitialTarget: 'key-1234-secret' }),
  '+358500000017': { status: 204, delayMs: 16_000 },
};

describe('SmartRouting against a real HTTPS endpoint on 127.0.0.1:443', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;
  const logs = new CapturingLogger();
  const configure = (extra: Record<string, unknown> = {}) =>
    h
      .api()
      .put(`/api/queues/${DEMO.queues.service}/smart-routing`)
      .send({ Endpoint: receiverUrl('/sr'), InsecureSSL: true, ApiKey: 'key-1234-secret', TargetId: 'SALES_QUEUE', ...extra })
      .expect(200);

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    receiver.respondWith((req) => (req.path === '/sr' ? (ANSWERS[(req.json as { anum: string }).anum] ?? { status: 204 }) : { status: 200 }));
    app = await startTestApp({ DEMO_ORGANIZATION: 'true', TIME_SCALE: '100', LOG_LEVEL: 'verbose' }, undefined, logs);
    h = adminApi(app);
    await h.createWebhook(
      { Endpoint: receiverUrl('/sim'), InsecureSSL: true },
      EVENT_TYPE_NAMES.map((EventType) => ({ EventType, AllEntities: true })),
    );
    await configure();
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  async function call(callerNumber: string, until: (t: Payload[]) => boolean) {
    const placed = await h
      .api()
      .post('/api/calls')
      .send({ Type: 'queue', Queue: '+358101231234', Script: { CallerNumber: callerNumber, AnswerAfterSeconds: 1, TalkSeconds: 5, AgentAnswers: true } })
      .expect(201);
    const started = Date.now();
    for (;;) {
      const res = await h.api().get(`/api/calls/${placed.body.CallId}`).expect(200);
      if (until(res.body.Timeline)) return res.body as { Call: Record<string, unknown>; Timeline: Payload[]; SmartRouting: Record<string, unknown>[] };
      if (Date.now() - started > 15_000) throw new Error(`timeline: ${res.body.Timeline.map((p: Payload) => p.EventType).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const has = (type: string) => (t: Payload[]) => t.some((p) => p.EventType === type);
  const arrivedIn = (t: Payload[]) => t.find((p) => p.EventType === 'QueueCallInArrived')?.QueueId;
  const allocatedTo = (t: Payload[]) => t.find((p) => p.EventType === 'QueueCallInUserAllocated')?.UserId;

  it('sends a known caller to the VIP queue and an unknown one (204) to the normal queue, with the documented request', async () => {
    const vip = await call('+358501231234', has('QueueCallInUserAllocated'));
    expect(arrivedIn(vip.Timeline)).toBe(DEMO.queues.vip);
    expect(vip.SmartRouting[0]).toMatchObject({ Outcome: 'applied', Applied: { InitialTarget: DEMO.queues.vip } });
    const normal = await call('+358409999999', has('QueueCallInUserAllocated'));
    expect(arrivedIn(normal.Timeline)).toBe(DEMO.queues.service);
    expect(normal.SmartRouting[0]).toMatchObject({ Outcome: 'default-204' });

    const sent = receiver.requests.find((r) => r.path === '/sr' && (r.json as { anum: string }).anum === '+358501231234')!;
    expect(sent.method).toBe('POST');
    expect(sent.headers['x-benemen-apikey']).toBe('key-1234-secret');
    expect(sent.headers['content-type']).toMatch(/^application\/json/);
    expect(sent.json).toEqual({ anum: '+358501231234', bnum: '+358101231234', targetid: 'SALES_QUEUE' });
    const log = await h.api().get('/api/smart-routing/requests').query({ queueId: DEMO.queues.service }).expect(200);
    expect(log.body.Items.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(log.body)).not.toContain('key-1234-secret');
  });

  it('plays TTS and disconnects; routes to a number; requires an agent; prefers an agent', async () => {
    const disconnected = await call('+358500000002', has('QueueCallInDisconnected'));
    expect(disconnected.Call).toMatchObject({ PlayedTts: 'This call will be disconnected, sorry about that' });
    expect(disconnected.Timeline.some((p) => p.EventType === 'QueueCallInUserAllocated')).toBe(false);

    const forwarded = await call('+358500000003', (t) => t.some((p) => p.EventType.startsWith('QueueCallInTransfer')));
    expect(forwarded.Timeline.some((p) => p.EventType === 'QueueCallInTransferStarted' && String(p.TransferTarget ?? p.TargetNumber).length > 0)).toBe(true);

    const required = await call('+358500000004', has('QueueCallInUserAllocated'));
    expect(allocatedTo(required.Timeline)).toBe(laura.id);
    const preferred = await call('+358500000005', has('QueueCallInUserAllocated'));
    expect(allocatedTo(preferred.Timeline)).toBe(jukka.id);
    const plain = await call('+358409999998', has('QueueCallInUserAllocated'));
    expect(allocatedTo(plain.Timeline)).toBe(anna.id);

    const priority = await call('+358500000014', has('QueueCallInUserAllocated'));
    expect(priority.SmartRouting[0]).toMatchObject({ Outcome: 'applied', Applied: { Priority: 10000 } });
    expect(priority.Call.PriorityOverride).toBe(10000);

    const tts = await call('+358500000010', has('QueueCallInUserAllocated'));
    expect(arrivedIn(tts.Timeline)).toBe(DEMO.queues.vip);
    expect(tts.SmartRouting[0]).toMatchObject({ Outcome: 'applied', IgnoredProperties: ['Colour'] });
    expect(tts.Call.PlayedTts).toBe('[en-GB] Greetings caller. [fi-FI] Tervehdys soittaja');
  });

  it('applies an answer that echoes the API key, but shows it masked in the call and the decision log', async () => {
    const echoed = await call('+358500000015', has('QueueCallInUserAllocated'));
    expect(echoed.Call).toMatchObject({ PlayedTts: 'Your key is ***', AppliedMsi: '***,60', RoutingDecision: { Outcome: 'applied' } });
    expect(echoed.Call.RoutingNotes).toEqual(['FailTarget "***" matches no queue, user, call list or phone number; ignored']);
    expect(echoed.SmartRouting[0]).toMatchObject({ Outcome: 'applied', Applied: { CustomTTS: 'Your key is ***', FailTarget: '***' } });
    expect(JSON.stringify(echoed)).not.toContain('key-1234-secret');

    // Nothing applicable: the log's default-unapplied reason quotes the target, masked.
    const unapplied = await call('+358500000016', has('QueueCallInUserAllocated'));
    expect(unapplied.Call.RoutingDecision).toMatchObject({ Outcome: 'default-unapplied', Reason: expect.stringContaining('InitialTarget "***"') });
    // The log learns of it just after the call was routed.
    const started = Date.now();
    let logged: Record<string, unknown>[] = [];
    for (;;) {
      logged = (await h.api().get('/api/smart-routing/requests').query({ callId: unapplied.Call.CallId }).expect(200)).body.Items;
      if (logged[0]?.Outcome === 'default-unapplied' || Date.now() - started > 10_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(logged[0]).toMatchObject({ Outcome: 'default-unapplied', Reason: expect.stringContaining('InitialTarget "***"') });
    expect(JSON.stringify([unapplied, logged])).not.toContain('key-1234-secret');
  });

  it.each([
    ['+358500000006', /Priority 20000 is out of range/],
    ['+358500000007', /HTTP 500/],
    ['+358500000013', /HTTP 404/],
    ['+358500000008', /content type|Content-Type/i],
    ['+358500000009', /JSON/],
  ])('routes by default when the answer is unusable (%s), recording why', async (caller, reason) => {
    const result = await call(caller, has('QueueCallInUserAllocated'));
    expect(arrivedIn(result.Timeline)).toBe(DEMO.queues.service);
    expect(result.SmartRouting[0].Outcome).toBe('default-error');
    expect(String(result.SmartRouting[0].Reason)).toMatch(reason);
  });

  it('routes by default after the time-out when the endpoint does not answer', async () => {
    await configure({ TimeoutMs: 300 });
    const result = await call('+358500000011', has('QueueCallInUserAllocated'));
    expect(arrivedIn(result.Timeline)).toBe(DEMO.queues.service);
    expect(result.SmartRouting[0]).toMatchObject({ Outcome: 'default-error' });
    expect(String(result.SmartRouting[0].Reason)).toMatch(/time-out/);
    await configure();
  });

  it('?wait=routed waits for an answer that comes after 16 s, within a configured TimeoutMs of 20 s', async () => {
    await configure({ TimeoutMs: 20_000 });
    const placed = await h
      .api()
      .post('/api/calls')
      .query({ wait: 'routed' })
      .send({ Type: 'queue', Queue: '+358101231234', Script: { CallerNumber: '+358500000017', AnswerAfterSeconds: 1, TalkSeconds: 5, AgentAnswers: true } })
      .expect(201);
    await configure();
    expect(placed.body.Call.Phase).not.toBe('routing');
    expect(placed.body.SmartRouting).toMatchObject([{ Outcome: 'default-204', ResponseStatus: 204 }]);
  });

  it('allocates a call with ExtraPriority 100 before calls that arrived up to 100 s earlier', async () => {
    // Waiting calls must not overflow while the only agent talks.
    await h.api().patch(`/api/queues/${DEMO.queues.service}`).send({ MaxWaitSeconds: 900 }).expect(200);
    await new Promise((r) => setTimeout(r, 200)); // the simulation takes the changed queue
    for (const u of DEMO.users.slice(0, 3)) await h.api().post(`/api/users/${u.id}/availability`).send({ Availability: 'DoNotDisturb' }).expect(202);
    const place = async (caller: string, talk: number) =>
      (
        await h
          .api()
          .post('/api/calls')
          .send({ Type: 'queue', Queue: DEMO.queues.service, Script: { CallerNumber: caller, AnswerAfterSeconds: 1, TalkSeconds: talk, AgentAnswers: true } })
          .expect(201)
      ).body.CallId as string;
    const busy = await place('+358409990001', 100); // Jukka, the only agent, talks for 100 virtual seconds
    const early = [await place('+358409990002', 5), await place('+358409990003', 5)];
    await new Promise((r) => setTimeout(r, 500)); // 50 virtual seconds later
    const boosted = await place('+358500000012', 5);
    const allocatedAt = async (callId: string) => {
      for (let i = 0; i < 300; i++) {
        const t: Payload[] = (await h.api().get(`/api/calls/${callId}`).expect(200)).body.Timeline;
        const allocated = t.find((p) => p.EventType === 'QueueCallInUserAllocated');
        if (allocated) return String(allocated.Timestamp);
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`call ${callId} was never allocated`);
    };
    const boostedAt = await allocatedAt(boosted);
    const earlyAt = await Promise.all(early.map(allocatedAt));
    for (const t of earlyAt) expect(t > boostedAt).toBe(true);
    await h
      .api()
      .post(`/api/calls/${busy}/hangup`)
      .send({})
      .catch(() => undefined);
    for (const u of DEMO.users.slice(0, 3)) await h.api().post(`/api/users/${u.id}/availability`).send({ Availability: 'Available' }).expect(202);
    await h.api().patch(`/api/queues/${DEMO.queues.service}`).send({ MaxWaitSeconds: 60 }).expect(200);
  });

  it('sends HTTP Basic credentials, and refuses a self-signed certificate without InsecureSSL', async () => {
    await configure({ Auth: 'basic', Username: 'router', Password: 'pa55word', ApiKey: undefined });
    await call('+358409999997', has('QueueCallInUserAllocated'));
    const sent = receiver.requests.filter((r) => r.path === '/sr').pop()!;
    expect(sent.headers.authorization).toBe(`Basic ${Buffer.from('router:pa55word').toString('base64')}`);
    expect(sent.headers).not.toHaveProperty('x-benemen-apikey');

    await configure({ InsecureSSL: false });
    const before = receiver.requests.filter((r) => r.path === '/sr').length;
    const strict = await call('+358501231234', has('QueueCallInUserAllocated'));
    expect(arrivedIn(strict.Timeline)).toBe(DEMO.queues.service);
    expect(strict.SmartRouting[0]).toMatchObject({ Outcome: 'default-error' });
    expect(String(strict.SmartRouting[0].Reason)).toMatch(/self-signed/);
    expect(receiver.requests.filter((r) => r.path === '/sr')).toHaveLength(before);
    const log = await h.api().get('/api/smart-routing/requests').query({ outcome: 'default-error' }).expect(200);
    expect(JSON.stringify(log.body)).not.toContain('pa55word');
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.lines.join('\n')).not.toMatch(/pa55word|key-1234-secret/);
  });

  it('asks no endpoint for a queue once it is deleted, even for a call placed at once', async () => {
    const queue = (
      await h
        .api()
        .post('/api/queues')
        .send({ Name: 'Deleted soon', Number: '+358101239999', AttachedUsers: [{ UserId: anna.id, Priority: 0, Active: true }] })
        .expect(201)
    ).body as { Id: string };
    await h
      .api()
      .put(`/api/queues/${queue.Id}/smart-routing`)
      .send({ Endpoint: receiverUrl('/sr'), InsecureSSL: true })
      .expect(200);
    const asked = () => receiver.requests.filter((r) => r.path === '/sr' && (r.json as { bnum: string }).bnum === '+358101239999').length;
    const place = () =>
      h
        .api()
        .post('/api/calls')
        .send({ Type: 'queue', Queue: queue.Id, Script: { CallerNumber: '+358409999990', TalkSeconds: 1 } });
    // The queue is in the engine once its rebuild is done; this call asks the endpoint (and its configuration is read).
    for (let i = 0; (await place()).status !== 201; i++) {
      if (i > 100) throw new Error('the new queue never reached the simulation');
      await new Promise((r) => setTimeout(r, 20));
    }
    for (let i = 0; asked() === 0; i++) {
      if (i > 250) throw new Error('the endpoint was never asked');
      await new Promise((r) => setTimeout(r, 20));
    }
    await h.api().delete(`/api/queues/${queue.Id}`).expect(204);
    // At once: the engine may not have dropped the queue yet (201), be rebuilding (503) or have dropped it (404).
    expect([201, 404, 503]).toContain((await place()).status);
    await new Promise((r) => setTimeout(r, 500));
    expect(asked()).toBe(1);
    await h.api().get(`/api/queues/${queue.Id}/smart-routing`).expect(404);
  });
});
