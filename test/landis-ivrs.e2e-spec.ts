import { DEMO } from '../src/organization/demo-organization';
import { IVR_EXAMPLE } from '../src/organization/organization.controller';
import { startSimulationRig, type SimulationRig } from './support/simulation-driver';

const START = '2026-03-02T09:00:00Z';

/** A Landis IVR in front of the demo's Customer Service queue. */
const mainMenu = (extra: Record<string, unknown> = {}) => ({
  ...IVR_EXAMPLE,
  ...extra,
});

describe('Landis IVRs in the organisation and the simulation (HTTPS receiver on 127.0.0.1:443)', () => {
  let rig: SimulationRig;
  let h: SimulationRig['h'];

  beforeAll(async () => {
    rig = await startSimulationRig('/ivr');
    ({ h } = rig);
  });
  afterAll(() => rig?.close());

  it('creates, reads, changes and deletes an IVR, and refuses bad ones with a message naming the field', async () => {
    const ivr = (await h.api().post('/api/ivrs').send(mainMenu()).expect(201)).body;
    expect(ivr).toMatchObject({ Name: 'Main menu', Number: '+358101231200', OuPath: '/Demo Oy/Front desk' });
    expect(ivr.Blocks[1]).toMatchObject({
      Type: 'Menu',
      ParameterName: 'Language',
      DataValue: 1,
      Options: [{ Key: '1', Label: 'Finnish', Weight: 1 }, { Key: '2' }],
    });
    expect(ivr.Blocks[2]).toMatchObject({
      Type: 'InputDigits',
      ParameterName: 'AccountNumber',
      MinDigits: 6,
      MaxDigits: 8,
      Next: { Kind: 'queue', Target: DEMO.queues.service },
    });
    expect((await h.api().get(`/api/ivrs/${ivr.Id}`).expect(200)).body).toEqual(ivr);
    expect((await h.api().get('/api/organization').expect(200)).body.Ivrs).toEqual([ivr]);

    const problems = async (body: Record<string, unknown>): Promise<string> => (await h.api().post('/api/ivrs').send(body).expect(400)).body.message.join('\n');
    expect(
      await problems(mainMenu({ Number: '+358101231201', Blocks: [{ Name: 'Go', Type: 'Message', Next: { Kind: 'block', Target: 'Nowhere' } }] })),
    ).toMatch(/Blocks\[0\]\.Next\.Target: no block named "Nowhere"/);
    expect(await problems(mainMenu({ Number: '+358101231201', Blocks: [{ Name: 'Menu', Type: 'Menu' }] }))).toMatch(/Blocks\[0\]\.Options must list/);
    expect(
      await problems(
        mainMenu({
          Number: '+358101231201',
          Blocks: [
            {
              Name: 'M',
              Type: 'Menu',
              Options: [
                { Key: '1', Next: { Kind: 'hangup' } },
                { Key: '1', Next: { Kind: 'queue', Target: DEMO.users[0].id } },
              ],
            },
          ],
        }),
      ),
    ).toMatch(/Options\[1\]\.Key 1 is used twice[\s\S]*Options\[1\]\.Next\.Target: no queue/);
    expect(await problems(mainMenu({ Number: '+358101231201', OuPath: 'Demo Oy' }))).toMatch(/OuPath must be a slash-separated path/);
    expect(await problems(mainMenu({ Number: '+358101231201', Blocks: [{ Name: 'M', Type: 'Dial', Next: { Kind: 'hangup' } }] }))).toMatch(
      /Type must be one of: Message, Menu, InputDigits, SpeechInput/,
    );
    expect(
      await problems(mainMenu({ Number: '+358101231201', Blocks: [{ Name: 'S', Type: 'SpeechInput', DataValue: 21, Next: { Kind: 'hangup' } }] })),
    ).toMatch(/DataValue must not be greater than 20/);
    await h.api().post('/api/ivrs').send(mainMenu()).expect(409);

    // What an IVR points at cannot go away under it.
    await h.api().delete(`/api/queues/${DEMO.queues.service}`).expect(409);
    const patched = (await h.api().patch(`/api/ivrs/${ivr.Id}`).send({ Name: 'Main menu (test)' }).expect(200)).body;
    expect(patched).toMatchObject({ Name: 'Main menu (test)', Blocks: ivr.Blocks });
    await h.api().patch(`/api/ivrs/${ivr.Id}`).send({ Blocks: [] }).expect(400);
    await h.api().delete(`/api/ivrs/${ivr.Id}`).expect(204);
    await h.api().get(`/api/ivrs/${ivr.Id}`).expect(404);
  });

  it("a queue's Landis OU path and service level are configured like its other settings", async () => {
    const queue = (await h.api().patch(`/api/queues/${DEMO.queues.vip}`).send({ OuPath: '/Demo Oy/VIP', ServiceLevelSeconds: 10 }).expect(200)).body;
    expect(queue).toMatchObject({ OuPath: '/Demo Oy/VIP', ServiceLevelSeconds: 10 });
    const bad = await h.api().patch(`/api/queues/${DEMO.queues.vip}`).send({ OuPath: '/Demo Oy//VIP', ServiceLevelSeconds: -1 }).expect(400);
    expect(bad.body.message.join('\n')).toMatch(/ServiceLevelSeconds must not be less than 0/);
    const ouPath = await h.api().patch(`/api/queues/${DEMO.queues.vip}`).send({ OuPath: '/Demo Oy//VIP' }).expect(400);
    expect(ouPath.body.message.join('\n')).toMatch(/OuPath must be a slash-separated path/);
    expect((await h.api().get(`/api/queues/${DEMO.queues.sales}`).expect(200)).body).toMatchObject({ OuPath: null, ServiceLevelSeconds: 20 });
  });

  it('an IVR call passes the blocks, then reaches the queue as an ordinary Enreach queue call', async () => {
    const ivr = (
      await h
        .api()
        .post('/api/ivrs')
        .send(mainMenu({ Number: '+358101231202' }))
        .expect(201)
    ).body;
    await rig.sim.reset({ Seed: 19, StartTime: START, Paused: true });
    const mark = rig.sim.mark();
    const placed = await h
      .api()
      .post('/api/calls')
      .send({ Type: 'ivr', Ivr: ivr.Number, Script: { IvrInputs: ['2', '40021877'], AnswerAfterSeconds: 4, TalkSeconds: 30 } })
      .expect(201);
    await rig.sim.advance(5);
    const inIvr = (await h.api().get(`/api/calls/${placed.body.CallId}`).expect(200)).body;
    expect(inIvr.Call).toMatchObject({ Kind: 'ivr', Phase: 'ivr', Side: 'ivr' });
    expect(inIvr.Timeline).toEqual([]);

    await rig.sim.advance(120);
    const done = (await h.api().get(`/api/calls/${placed.body.CallId}`).expect(200)).body;
    expect(done.Call).toMatchObject({ Phase: 'ended', QueueId: DEMO.queues.service });
    const types = done.Timeline.filter((e: { CallId?: string }) => e.CallId === placed.body.CallId).map((e: { EventType: string }) => e.EventType);
    expect(types.slice(0, 2)).toEqual(['QueueCallInComing', 'QueueCallInArrived']);
    expect(types).toContain('QueueCallInUserConnected');
    // The IVR took its time before the queue saw the call.
    expect(Date.parse(`${done.Timeline[0].Timestamp}Z`) - Date.parse(START)).toBeGreaterThan(8_000);
    const got = await rig.sim.delivered(mark);
    // No Landis webhook lists them: the simulation built and stored no Landis record.
    for (const eventType of ['App.IvrWebhook', 'App.QueueWebhook']) {
      const listed = (await h.api().get(`/api/events?eventType=${eventType}`).expect(200)).body;
      expect(Array.isArray(listed) ? listed : listed.Items).toEqual([]);
    }
    expect(got.some((d) => d.payload.CallId === placed.body.CallId && d.payload.EventType === 'QueueCallInComing')).toBe(true);

    const refused = await h.api().post('/api/calls').send({ Type: 'ivr', Ivr: 'no such IVR' }).expect(404);
    expect(refused.body.message.join('\n')).toMatch(/Unknown IVR "no such IVR".*Main menu/);
    await h.api().post('/api/calls').send({ Type: 'ivr' }).expect(400);
    await h
      .api()
      .post('/api/calls')
      .send({ Type: 'ivr', Ivr: ivr.Id, Script: { IvrInputs: [1, 2] } })
      .expect(400);
  });
});
