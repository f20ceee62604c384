import { createHmac } from 'node:crypto';
import { landisDataProblems } from '../src/landis/landis-data-validator';
import { DEMO } from '../src/organization/demo-organization';
import type { adminApi } from './support/api';
import { receiverUrl } from './support/receiver-host';
import { startSimulationRig, type SimulationRig } from './support/simulation-driver';
import { until } from './support/until';

const START = '2026-03-02T09:00:00Z';

type Api = ReturnType<typeof adminApi>;

/** A Landis subscription to `path` (the document's endpoint, is-active, webhook events, additional headers); answers its generated secret. */
async function createLandisWebhook(h: Api, path: string, events: string[]): Promise<string> {
  const res = await h
    .api()
    .post('/api/webhooks')
    .send({ Platform: 'landis', Webhook: { Endpoint: receiverUrl(path), InsecureSSL: true, WebhookEvents: events, Headers: { 'X-Tenant': 'demo' } } });
  if (res.status !== 201 || typeof res.body.Secret !== 'string')
    throw new Error(`creating the Landis webhook failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.Secret;
}

const signature = (body: string, secret: string): string =>
  `sha256=${(createHmac('sha256', secret).update(body, 'utf8').digest('hex').toUpperCase().match(/../g) ?? []).join('-')}`;

describe('Landis and Enreach webhooks from the same seeded simulation (HTTPS receiver on 127.0.0.1:443)', () => {
  let rig: SimulationRig;
  let h: Api;
  let secret: string;

  beforeAll(async () => {
    rig = await startSimulationRig('/enreach'); // the Enreach webhook for all 34 types
    h = rig.h;
    secret = await createLandisWebhook(h, '/landis', ['App.QueueWebhook', 'App.IvrWebhook']);
  });
  afterAll(() => rig?.close());

  it('an IVR call in front of a queue: the Landis receiver gets App.IvrWebhook with the inputs, then App.QueueWebhook chained to it; the Enreach one its own events', async () => {
    const ivr = (
      await h
        .api()
        .post('/api/ivrs')
        .send({
          Name: 'Main menu',
          Number: '+358101231200',
          OuPath: '/Demo Oy/Front desk',
          Blocks: [
            { Name: 'Language', Type: 'Menu', DataValue: 1, Options: [{ Key: '1', Label: 'Finnish', Next: { Kind: 'block', Target: 'Account number' } }] },
            { Name: 'Account number', Type: 'InputDigits', MinDigits: 8, MaxDigits: 8, DataValue: 2, Next: { Kind: 'queue', Target: DEMO.queues.service } },
          ],
        })
        .expect(201)
    ).body;
    await rig.sim.reset({ Seed: 19, StartTime: START, Paused: true });
    const enreachMark = rig.sim.mark();
    const placed = (
      await h
        .api()
        .post('/api/calls')
        .send({ Type: 'ivr', Ivr: ivr.Id, Script: { IvrInputs: ['1', '40021877'], AnswerAfterSeconds: 4, TalkSeconds: 30 } })
        .expect(201)
    ).body;
    await rig.sim.advance(300);

    const landisRequests = () => rig.receiver.requests.filter((r) => r.path === '/landis');
    await until(() => landisRequests().length >= 2, 'the two Landis records');
    const landis = landisRequests();
    for (const request of landis) {
      expect(request.headers['abp-webhook-signature']).toBe(signature(request.body, secret));
      expect(request.headers['x-tenant']).toBe('demo');
    }
    const envelopes = landis.map(
      (r) => r.json as { Id: string; WebhookEvent: string; Attempt: number; Data: Record<string, unknown>; CreationTimeUtc: string },
    );
    // Two deliveries, each its own job: they may arrive in either order.
    expect(envelopes.map((e) => e.WebhookEvent).sort()).toEqual(['App.IvrWebhook', 'App.QueueWebhook']);
    for (const e of envelopes) {
      expect(Object.keys(e)).toEqual(['Id', 'WebhookEvent', 'Attempt', 'Data', 'CreationTimeUtc']);
      expect(landisDataProblems(e.WebhookEvent, e.Data)).toEqual([]);
    }
    const dataOf = (name: string) => envelopes.find((e) => e.WebhookEvent === name)!.Data;
    const [ivrData, queueData] = [dataOf('App.IvrWebhook'), dataOf('App.QueueWebhook')];
    expect(ivrData).toMatchObject({
      IvrId: ivr.Id,
      IvrName: 'Main menu',
      ScenarioId: placed.CallId,
      TransferType: 'Queue',
      TrasnferToId: DEMO.queues.service,
      DataValue01: 'Finnish',
      DataValue02: '40021877',
    });
    expect((ivrData.IvrInputs as { ParameterName: string; ParameterValue: string }[]).map((i) => [i.ParameterName, i.ParameterValue])).toEqual([
      ['Language', '1'],
      ['AccountNumber', '40021877'],
    ]);
    expect(queueData).toMatchObject({
      QueueId: DEMO.queues.service,
      ParentId: ivrData.CallId,
      From: 'Main menu',
      LeaveReason: 'Answered',
      WaitTime: '00:00:04',
      MetServiceLevel: true,
    });

    // The Enreach webhook gets the same call in its own format, and nothing of Landis.
    const enreach = await rig.sim.delivered(enreachMark);
    const ofCall = enreach.filter((d) => d.payload.CallId === placed.CallId).map((d) => d.payload.EventType);
    expect(ofCall.slice(0, 2)).toEqual(['QueueCallInComing', 'QueueCallInArrived']);
    expect(enreach.every((d) => typeof d.payload.EventType === 'string' && !('WebhookEvent' in d.payload))).toBe(true);
  });
});
