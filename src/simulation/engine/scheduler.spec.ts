import { Scheduler } from './scheduler';
import { VirtualClock } from './virtual-clock';

const START = Date.parse('2024-03-01T09:00:00Z');
const newScheduler = (options = {}): Scheduler => new Scheduler(new VirtualClock(START), options);

describe('Scheduler (manual driver)', () => {
  it('runs tasks by time, ties in insertion order, each at its own virtual time', async () => {
    const s = newScheduler();
    const log: string[] = [];
    const at = (label: string) => () => {
      log.push(`${label}@${s.clock.elapsedMs}`);
    };
    s.schedule(2000, at('c'));
    s.schedule(1000, at('a'));
    s.schedule(1000, at('b'));
    s.schedule(0, at('now'));
    await s.runUntilIdle();
    expect(log).toEqual(['now@0', 'a@1000', 'b@1000', 'c@2000']);
  });

  it('advanceBy runs only what is due and leaves the clock at the target', async () => {
    const s = newScheduler();
    const log: number[] = [];
    s.schedule(500, () => void log.push(500));
    s.schedule(1500, () => void log.push(1500));
    expect(await s.advanceBy(1000)).toBe(1);
    expect(s.clock.elapsedMs).toBe(1000);
    expect(log).toEqual([500]);
    expect(s.pendingCount).toBe(1);
    await s.advanceBy(500);
    expect(log).toEqual([500, 1500]);
  });

  it('runs tasks scheduled by tasks, including at the same time', async () => {
    const s = newScheduler();
    const log: string[] = [];
    s.schedule(100, () => {
      log.push('first');
      s.schedule(0, () => void log.push('same time, later'));
      s.schedule(50, () => void log.push('later'));
    });
    s.schedule(100, () => void log.push('second'));
    await s.runUntilIdle();
    expect(log).toEqual(['first', 'second', 'same time, later', 'later']);
    expect(s.clock.elapsedMs).toBe(150);
  });

  it('awaits a task that returns a promise before starting the next one', async () => {
    const s = newScheduler();
    const log: string[] = [];
    s.schedule(0, async () => {
      log.push('decide: start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push('decide: end');
    });
    s.schedule(0, () => void log.push('next'));
    await s.runUntilIdle();
    expect(log).toEqual(['decide: start', 'decide: end', 'next']);
  });

  it('cancels tasks, and cancel reports whether anything was cancelled', async () => {
    const s = newScheduler();
    const log: string[] = [];
    const handle = s.schedule(100, () => void log.push('cancelled'));
    s.schedule(200, () => void log.push('kept'));
    expect(s.cancel(handle)).toBe(true);
    expect(s.cancel(handle)).toBe(false);
    expect(s.pendingCount).toBe(1);
    await s.runUntilIdle();
    expect(log).toEqual(['kept']);
  });

  it('runUntilIdle stops at its limit with the clock there, and says it is not idle', async () => {
    const s = newScheduler();
    s.schedule(10_000, () => undefined);
    expect(await s.runUntilIdle(5000)).toBe(false);
    expect(s.clock.elapsedMs).toBe(5000);
    expect(await s.runUntilIdle(5000)).toBe(true);
  });

  it('rejects with a failing task and refuses concurrent or invalid driving', async () => {
    const s = newScheduler();
    s.schedule(0, () => {
      throw new Error('boom');
    });
    await expect(s.runUntilIdle()).rejects.toThrow('boom');
    s.schedule(10, () => undefined);
    const running = s.advanceBy(100);
    await expect(s.advanceBy(1)).rejects.toThrow(/already being advanced/);
    await running;
    expect(() => s.schedule(-1, () => undefined)).toThrow();
    await expect(s.advanceBy(Number.NaN)).rejects.toThrow();
  });
  it('close() ends an advance in progress after its running task, and nothing runs on it afterwards', async () => {
    const s = newScheduler();
    const log: number[] = [];
    let release!: () => void;
    s.schedule(100, () => new Promise<void>((r) => (release = r)));
    s.schedule(200, () => void log.push(200));
    const advancing = s.advanceBy(1000);
    await Promise.resolve();
    const closing = s.close();
    release();
    await closing;
    expect(await advancing).toBe(1);
    expect(log).toEqual([]);
    expect(s.clock.elapsedMs).toBe(100);
    s.start(1000);
    expect(s.isRealTime).toBe(false);
  });
});

describe('Scheduler (real-time driver)', () => {
  it('runs tasks as scaled wall time reaches them, with the same order and times as the manual driver', async () => {
    const run = async (realTime: boolean): Promise<string[]> => {
      const s = newScheduler();
      const log: string[] = [];
      const record = (label: string) => () => void log.push(`${label}@${s.clock.elapsedMs}`);
      s.schedule(60_000, record('late'));
      s.schedule(1000, async () => {
        record('async')();
        await new Promise((resolve) => setTimeout(resolve, 5));
        s.schedule(0, record('follow-up'));
      });
      s.schedule(1000, record('tie'));
      if (realTime) {
        s.start(20_000);
        await s.whenIdle();
        await s.stop();
      } else {
        await s.runUntilIdle();
      }
      return log;
    };
    const manual = await run(false);
    expect(manual).toEqual(['async@1000', 'tie@1000', 'follow-up@1000', 'late@60000']);
    expect(await run(true)).toEqual(manual);
  });

  it('follows the wall clock: nothing runs before its time, and commands get the wall-derived time', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const s = newScheduler({ wallClock: () => Date.now() });
      const log: number[] = [];
      s.schedule(10_000, () => void log.push(s.clock.elapsedMs));
      s.start(10); // 1 wall ms = 10 virtual ms
      await jest.advanceTimersByTimeAsync(500);
      expect(log).toEqual([]);
      expect(s.nowMs() - START).toBe(5000); // between tasks, "now" follows the wall clock
      s.schedule(0, () => void log.push(s.clock.elapsedMs));
      await jest.advanceTimersByTimeAsync(1);
      expect(log).toEqual([5000]);
      await jest.advanceTimersByTimeAsync(499);
      expect(log).toEqual([5000, 10_000]);
      await s.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops on a failing task and reports it through whenIdle, unless onError is given', async () => {
    const failing = newScheduler();
    failing.schedule(0, () => {
      throw new Error('boom');
    });
    failing.start(1000);
    await expect(failing.whenIdle()).rejects.toThrow('boom');
    expect(failing.isRealTime).toBe(false);

    const errors: string[] = [];
    const tolerant = newScheduler({ onError: (_error: unknown, label: string) => errors.push(label) });
    tolerant.schedule(
      0,
      () => {
        throw new Error('boom');
      },
      'bad',
    );
    let ran = false;
    tolerant.schedule(1, () => {
      ran = true;
    });
    tolerant.start(1000);
    await tolerant.whenIdle();
    await tolerant.stop();
    expect(errors).toEqual(['bad']);
    expect(ran).toBe(true);
  });

  it('refuses the manual driver while running in real time', async () => {
    const s = newScheduler();
    s.start(1);
    await expect(s.advanceBy(1)).rejects.toThrow(/real-time/);
    expect(() => s.start(1)).toThrow(/already/);
    await s.stop();
    expect(() => s.start(0)).toThrow();
  });
});

describe('Scheduler (as fast as possible)', () => {
  it('runs a day of virtual time at once, in the same order and at the same virtual times as the manual driver', async () => {
    const run = async (flatOut: boolean): Promise<string[]> => {
      const s = newScheduler();
      const log: string[] = [];
      // More tasks than one slice, spread over a day, each scheduling the next.
      const step = (i: number) => () => {
        log.push(`${i}@${s.clock.elapsedMs}`);
        if (i < 999) s.schedule(86_400, step(i + 1));
      };
      s.schedule(0, step(0));
      s.schedule(43_200_000, () => void log.push(`noon@${s.clock.elapsedMs}`));
      if (flatOut) {
        s.startAsFastAsPossible();
        await s.whenIdle();
        await s.stop();
      } else {
        await s.runUntilIdle();
      }
      return log;
    };
    const manual = await run(false);
    expect(manual).toHaveLength(1001);
    expect(await run(true)).toEqual(manual);
  });

  it('waits on the gate between slices of tasks, and virtual time stands still when nothing is pending', async () => {
    const s = newScheduler();
    let ran = 0;
    for (let i = 0; i < 600; i++) s.schedule(i * 1000, () => void ran++);
    let release!: () => void;
    let gated = 0;
    s.startAsFastAsPossible(() => {
      gated++;
      return gated === 1 ? new Promise<void>((resolve) => (release = resolve)) : null;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(256); // held at the first slice's end until the gate opens
    release();
    await s.whenIdle();
    expect(ran).toBe(600);
    const reached = s.nowMs();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(s.nowMs()).toBe(reached);
    expect(reached - START).toBe(599_000);
    await s.stop();
  });
});
