import { SeededRandom } from '../common/seeded-random';
import { LANDIS_EVENT_NAMES } from './landis-catalog';
import { landisDataProblems } from './landis-data-validator';
import { sampleIvrCallFacts, sampleLandisData, sampleQueueCallFacts } from './landis-samples';

describe('Landis samples', () => {
  it('fit their tables, for many seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      for (const name of LANDIS_EVENT_NAMES) {
        expect(landisDataProblems(name, sampleLandisData(name, new SeededRandom(seed)))).toEqual([]);
      }
    }
  });

  it('are the same for the same seed and differ between seeds', () => {
    const a = sampleLandisData('App.QueueWebhook', new SeededRandom('s'));
    expect(sampleLandisData('App.QueueWebhook', new SeededRandom('s'))).toEqual(a);
    expect(sampleLandisData('App.QueueWebhook', new SeededRandom('t')).CallId).not.toBe(a.CallId);
  });

  it('cover every leave reason, transfer type, IVR outcome and kind of caller', () => {
    const queue = Array.from({ length: 400 }, (_, i) => sampleLandisData('App.QueueWebhook', new SeededRandom(`q${i}`)));
    const ivr = Array.from({ length: 400 }, (_, i) => sampleLandisData('App.IvrWebhook', new SeededRandom(`i${i}`)));
    expect(new Set(queue.map((d) => d.LeaveReason))).toEqual(new Set(['Answered', 'CallerHungUp', 'Timeout', 'Overflow', 'CallbackRequested']));
    expect(new Set(queue.map((d) => d.TransferType))).toEqual(new Set(['None', 'Disconnect', 'Queue', 'User', 'IVR', 'ExternalNumber', 'Voicemail']));
    expect(new Set(queue.map((d) => d.MetServiceLevel))).toEqual(new Set([true, false]));
    expect(new Set(ivr.map((d) => d.TransferType))).toEqual(new Set(['None', 'Queue', 'User', 'IVR', 'ExternalNumber']));
    expect(new Set(ivr.map((d) => d.IvrInputs.length))).toEqual(new Set([1, 2]));
    expect(new Set(queue.map((d) => (d.CallerAdId ? 'teams' : d.CallerName === d.CallerNumber ? 'unknown' : 'known')))).toEqual(
      new Set(['teams', 'unknown', 'known']),
    );
  });

  it("keep a Teams agent's name and UPN in agreement and the data values in step with the inputs", () => {
    const answered = Array.from({ length: 50 }, (_, i) => sampleQueueCallFacts(new SeededRandom(`a${i}`))).find((f) => f.agent)!;
    const [first, last] = answered.agent!.upn.split('@')[0].split('.');
    expect(answered.agent!.name.toLowerCase()).toBe(`${first} ${last}`);
    const ivr = sampleIvrCallFacts(new SeededRandom('ivr'));
    expect(ivr.dataValues[1]).toBe(ivr.inputs[1]?.parameterValue ?? null);
    expect(['Finnish', 'Swedish', 'English']).toContain(ivr.dataValues[0]);
  });

  it('start at the given time', () => {
    const start = new Date('2025-06-01T12:00:00Z');
    expect(sampleLandisData('App.IvrWebhook', new SeededRandom(1), start).StartDateTime).toBe('2025-06-01T12:00:00Z');
  });
});
