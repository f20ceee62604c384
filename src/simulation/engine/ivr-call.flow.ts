import type { IvrBlock, IvrNext } from './organization-data';
import type { SimIvr } from './organization-model';
import type { IvrLeave } from './landis-recorder';
import type { SimContext } from './sim-context';
import type { IvrVisit, SimCall } from './sim-call';

/** Blocks one call may pass in IVRs before the caller gives up (a menu that loops back to itself). */
export const MAX_IVR_STEPS = 100;
/** How likely a caller with no scripted input hangs up instead of answering an input block. */
export const IVR_HANG_UP_PROBABILITY = 0.02;

const SECONDS_PER_WORD = 0.4;

/** How long a prompt plays: its own length, or about 2.5 words a second as a recorded voice speaks. */
function promptMs(block: IvrBlock): number {
  if (block.seconds !== undefined && block.seconds !== null) return block.seconds * 1000;
  const words = (block.prompt ?? '').trim().split(/\s+/).filter(Boolean).length;
  return Math.round(Math.max(1, words * SECONDS_PER_WORD) * 1000);
}

const digits = (visit: IvrVisit, count: number): string => Array.from({ length: count }, (_, i) => String(visit.rng.int(i === 0 ? 1 : 0, 9))).join('');

/**
 * A call in a Landis IVR: the caller hears each block's prompt, answers input blocks (a menu key,
 * digits, a phrase: scripted, else drawn from the call's seed), and leaves by a transfer to a
 * queue, a user, a number or another IVR, or by hanging up. Enreach has no IVR events: the
 * Enreach side sees the call only when it reaches a queue or user (an ordinary incoming call
 * there). The App.IvrWebhook record is written when the call leaves the IVR.
 */
export class IvrCallFlow {
  constructor(private readonly ctx: SimContext) {}

  start(call: SimCall, ivr: SimIvr): void {
    call.side = 'ivr';
    call.phase = 'ivr';
    call.queueId = null;
    call.userId = null;
    call.ivr = {
      ivrId: ivr.id,
      enteredAtMs: this.ctx.clock.nowMs(),
      parent: call.landisParent,
      inputs: [],
      dataValues: [],
      steps: 0,
      // Per IVR entered (hops counts the transfers before it), so a second IVR draws afresh.
      rng: call.root.fork(`ivr:${call.hops}`),
    };
    this.play(call, ivr, ivr.blocks[0]);
  }

  /** The caller hangs up while in the IVR. */
  abandon(call: SimCall): void {
    const ivr = this.ivrOf(call);
    this.leave(call, ivr, { target: null }, 'caller hung up in IVR');
  }

  private play(call: SimCall, ivr: SimIvr, block: IvrBlock): void {
    const visit = call.ivr as IvrVisit;
    if (++visit.steps > MAX_IVR_STEPS) {
      this.leave(call, ivr, { target: null }, `caller gave up after ${MAX_IVR_STEPS} IVR blocks`);
      return;
    }
    const prompt = promptMs(block);
    if (block.type === 'Message') {
      this.ctx.callTimer(call, 'ivr', prompt, () => this.follow(call, ivr, block.next));
      return;
    }
    const scripted = call.ivrInputsGiven < call.script.ivrInputs.length ? call.script.ivrInputs[call.ivrInputsGiven++] : undefined;
    if (scripted === undefined && visit.rng.bool(IVR_HANG_UP_PROBABILITY)) {
      this.ctx.callTimer(call, 'ivr', prompt + visit.rng.int(1000, 4000), () => this.leave(call, ivr, { target: null }, 'caller hung up in IVR'));
      return;
    }
    const { value, next, thinkMs } = this.answer(visit, block, scripted);
    this.ctx.callTimer(call, 'ivr', prompt + thinkMs, () => {
      visit.inputs.push({ atMs: this.ctx.clock.nowMs(), blockName: block.name, blockType: block.type, parameterName: block.parameterName, value });
      if (block.dataValue) visit.dataValues[block.dataValue - 1] = block.type === 'Menu' ? (block.options.find((o) => o.key === value)?.label ?? value) : value;
      // A key no option has: the IVR has no branch for it and ends the call.
      if (next) return this.follow(call, ivr, next);
      this.leave(call, ivr, { target: null }, `no IVR option for input ${JSON.stringify(value)}`);
    });
  }

  /** The caller's input at an input block, where it leads, and how long the caller takes to give it. */
  private answer(
    visit: IvrVisit,
    block: Exclude<IvrBlock, { type: 'Message' }>,
    scripted: string | undefined,
  ): { value: string; next: IvrNext | null; thinkMs: number } {
    const rng = visit.rng;
    switch (block.type) {
      case 'Menu': {
        const total = block.options.reduce((sum, o) => sum + (o.weight ?? 1), 0);
        let pick = rng.float(0, total);
        const drawn = block.options.find((o) => (pick -= o.weight ?? 1) < 0) ?? block.options[block.options.length - 1];
        const value = scripted ?? drawn.key;
        return { value, next: block.options.find((o) => o.key === value)?.next ?? null, thinkMs: rng.int(1000, 4000) };
      }
      case 'InputDigits': {
        const value = scripted ?? digits(visit, rng.int(block.minDigits, block.maxDigits));
        // Keying digits: a pause, then about 0.4-0.9 s a digit, then the # that ends the entry.
        return { value, next: block.next, thinkMs: rng.int(1000, 2500) + value.length * rng.int(400, 900) };
      }
      case 'SpeechInput': {
        const value = scripted ?? rng.pick(block.choices);
        return { value, next: block.next, thinkMs: rng.int(1500, 4000) };
      }
    }
  }

  /** Returns the queue's start when it awaits SmartRouting, so the step holds the clock until routed. */
  private follow(call: SimCall, ivr: SimIvr, next: IvrNext): void | Promise<void> {
    const { ctx } = this;
    const { model } = ctx;
    switch (next.type) {
      case 'block': {
        const block = ivr.blocks.find((b) => b.name === next.block);
        if (block) this.play(call, ivr, block);
        else this.leave(call, ivr, { target: null }, `IVR block ${next.block} is missing`);
        return;
      }
      case 'hangup':
        this.leave(call, ivr, { target: null }, 'IVR ended the call');
        return;
      case 'external':
        this.leave(call, ivr, { target: { type: 'external', number: next.number } }, `transferred to ${next.number}`);
        return;
      case 'queue': {
        const queue = model.findQueue(next.queueId);
        if (!queue) break;
        this.leave(call, ivr, { target: { type: 'queue', queue } }, null);
        return ctx.flows.queue.start(call, queue);
      }
      case 'user': {
        const user = model.findUser(next.userId);
        if (!user) break;
        this.leave(call, ivr, { target: { type: 'user', user } }, null);
        ctx.flows.user.start(call, user);
        return;
      }
      case 'ivr': {
        const target = model.findIvr(next.ivrId);
        if (!target) break;
        if (++call.hops > ctx.settings.maxRoutingHops) {
          this.leave(call, ivr, { target: null }, `more than ${ctx.settings.maxRoutingHops} transfers`);
          return;
        }
        this.leave(call, ivr, { target: { type: 'ivr', ivr: target } }, null);
        this.start(call, target);
        return;
      }
    }
    // The model checks every reference; a target gone missing ends the call rather than the run.
    this.leave(call, ivr, { target: null }, `IVR target ${JSON.stringify(next)} is missing`);
  }

  /** Writes the IVR's record; `endReason` set: the call ends here too. */
  private leave(call: SimCall, ivr: SimIvr, leave: IvrLeave, endReason: string | null): void {
    this.ctx.clearCallTimer(call, 'ivr');
    if (this.ctx.landis) this.ctx.landis.leaveIvr(call, ivr, leave);
    else call.ivr = null;
    if (endReason !== null) this.ctx.endCall(call, endReason);
  }

  private ivrOf(call: SimCall): SimIvr {
    const ivr = call.ivr ? this.ctx.model.findIvr(call.ivr.ivrId) : undefined;
    if (!ivr) throw new Error(`Call ${call.id} is not in an IVR`);
    return ivr;
  }
}
