import type { IvrBlock, IvrNext } from '../common/ivr-rules';
import type { IvrBlockDto, IvrNextDto } from './dto/organization.dto';
import type { IvrEntity } from './organization.entities';

/**
 * An IVR's blocks between the admin API (PascalCase, one block shape with optional fields) and the
 * form the engine takes and the database stores. What the types cannot say (a Menu needs Options,
 * a target must exist) is checked by ivrProblems in the engine's ivr-rules.
 */

function toNext(dto: IvrNextDto | undefined): IvrNext {
  // A missing Next or Target stays missing here; ivrProblems words the 400.
  if (!dto) return undefined as unknown as IvrNext;
  const target = dto.Target ?? '';
  switch (dto.Kind) {
    case 'block':
      return { type: 'block', block: target };
    case 'queue':
      return { type: 'queue', queueId: target.toLowerCase() };
    case 'user':
      return { type: 'user', userId: target.toLowerCase() };
    case 'ivr':
      return { type: 'ivr', ivrId: target.toLowerCase() };
    case 'number':
      return { type: 'external', number: target };
    case 'hangup':
      return { type: 'hangup' };
  }
}

/** "Account number" -> "AccountNumber": the variable an input block stores into when none is named. */
const parameterNameOf = (blockName: string): string =>
  blockName
    .split(/[^A-Za-z0-9_]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('') || 'Input';

export function toIvrBlocks(blocks: readonly IvrBlockDto[]): IvrBlock[] {
  return blocks.map((b): IvrBlock => {
    const base = { name: b.Name, prompt: b.Prompt ?? null, seconds: b.Seconds ?? null };
    const input = { ...base, parameterName: b.ParameterName ?? parameterNameOf(b.Name), dataValue: b.DataValue ?? null };
    switch (b.Type) {
      case 'Message':
        return { ...base, type: 'Message', next: toNext(b.Next) };
      case 'Menu':
        return {
          ...input,
          type: 'Menu',
          options: (b.Options ?? []).map((o) => ({ key: o.Key, label: o.Label ?? null, weight: o.Weight ?? 1, next: toNext(o.Next) })),
        };
      case 'InputDigits':
        return { ...input, type: 'InputDigits', minDigits: b.MinDigits ?? 1, maxDigits: b.MaxDigits ?? Math.max(12, b.MinDigits ?? 1), next: toNext(b.Next) };
      case 'SpeechInput':
        return { ...input, type: 'SpeechInput', choices: b.Choices ?? [], next: toNext(b.Next) };
    }
  });
}

function presentNext(next: IvrNext) {
  switch (next.type) {
    case 'block':
      return { Kind: 'block', Target: next.block };
    case 'queue':
      return { Kind: 'queue', Target: next.queueId };
    case 'user':
      return { Kind: 'user', Target: next.userId };
    case 'ivr':
      return { Kind: 'ivr', Target: next.ivrId };
    case 'external':
      return { Kind: 'number', Target: next.number };
    case 'hangup':
      return { Kind: 'hangup', Target: null };
  }
}

function presentBlock(b: IvrBlock) {
  const base = { Name: b.name, Type: b.type, Prompt: b.prompt ?? null, Seconds: b.seconds ?? null };
  switch (b.type) {
    case 'Message':
      return { ...base, Next: presentNext(b.next) };
    case 'Menu':
      return {
        ...base,
        ParameterName: b.parameterName,
        DataValue: b.dataValue ?? null,
        Options: b.options.map((o) => ({ Key: o.key, Label: o.label ?? null, Weight: o.weight ?? 1, Next: presentNext(o.next) })),
      };
    case 'InputDigits':
      return {
        ...base,
        ParameterName: b.parameterName,
        DataValue: b.dataValue ?? null,
        MinDigits: b.minDigits,
        MaxDigits: b.maxDigits,
        Next: presentNext(b.next),
      };
    case 'SpeechInput':
      return { ...base, ParameterName: b.parameterName, DataValue: b.dataValue ?? null, Choices: b.choices, Next: presentNext(b.next) };
  }
}

export const presentIvr = (i: IvrEntity) => ({ Id: i.id, Name: i.name, Number: i.number, OuPath: i.ouPath, Blocks: i.blocks.map(presentBlock) });

/** The queues, users and IVRs an IVR's blocks point at (to refuse deleting them). */
export function ivrReferences(blocks: readonly IvrBlock[]): IvrNext[] {
  return blocks.flatMap((b) => (b.type === 'Menu' ? b.options.map((o) => o.next) : [b.next]));
}
