import { PHONE_NUMBER } from './phone-number';

/** Where an IVR step leads: another block of the same IVR, or out of the IVR. */
export type IvrNext =
  | { type: 'block'; block: string }
  | { type: 'queue'; queueId: string }
  | { type: 'user'; userId: string }
  | { type: 'external'; number: string }
  | { type: 'ivr'; ivrId: string }
  | { type: 'hangup' };

export interface IvrMenuOption {
  /** The DTMF key: 0-9, * or #. */
  key: string;
  /** What the option means ("Billing"); written to the block's DataValue field instead of the key when given. */
  label?: string | null;
  /** Relative likelihood a simulated caller picks it; default 1. */
  weight?: number;
  next: IvrNext;
}

interface IvrBlockBase {
  /** Unique within the IVR; IvrInputs[].BlockName. */
  name: string;
  /** What the caller hears; its length sets how long the block plays unless `seconds` is given. */
  prompt?: string | null;
  /** How long the prompt plays. */
  seconds?: number | null;
}

interface IvrInputBlockBase extends IvrBlockBase {
  /** The variable the input is stored in: IvrInputs[].ParameterName. */
  parameterName: string;
  /** 1..20: the input is also written to DataValue01..20. */
  dataValue?: number | null;
}

export type IvrBlock =
  | (IvrBlockBase & { type: 'Message'; next: IvrNext })
  | (IvrInputBlockBase & { type: 'Menu'; options: IvrMenuOption[] })
  | (IvrInputBlockBase & { type: 'InputDigits'; minDigits: number; maxDigits: number; next: IvrNext })
  | (IvrInputBlockBase & { type: 'SpeechInput'; choices: string[]; next: IvrNext });

export type IvrBlockType = IvrBlock['type'];

/** An IVR (Landis Contact Center): blocks a caller passes before being transferred or hanging up. */
export interface IvrData {
  id: string;
  name: string;
  /** The number callers dial; optional (an IVR may be reached only by transfers). */
  number?: string | null;
  /** Landis OUPath of the IVR's records; default "/" + the organisation's name. */
  ouPath?: string;
  /** The caller starts at the first block. */
  blocks: IvrBlock[];
}

/**
 * An IVR as the simulation engine takes it (and the database stores it), and the rules it must follow to be simulated, shared by the admin API (a 400 naming the field)
 * and the engine's model (which refuses an organisation that breaks them). Field names in the
 * messages are the admin API's.
 */

export const IVR_BLOCK_TYPES = ['Message', 'Menu', 'InputDigits', 'SpeechInput'] as const;
export const IVR_NEXT_KINDS = ['block', 'queue', 'user', 'number', 'ivr', 'hangup'] as const;
export const MENU_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
export const MAX_IVR_BLOCKS = 50;
export const MAX_MENU_OPTIONS = MENU_KEYS.length;
/** DataValue01 ... DataValue20. */
export const IVR_DATA_VALUE_SLOTS = 20;
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const OU_PATH = /^(\/[^/]+)+$/;

/** What an IVR may point at outside itself. */
export interface IvrReferences {
  hasQueue(id: string): boolean;
  hasUser(id: string): boolean;
  hasIvr(id: string): boolean;
}

export function ouPathProblem(field: string, ouPath: string | undefined | null): string | null {
  if (ouPath === undefined || ouPath === null) return null;
  return typeof ouPath === 'string' && ouPath.length <= 400 && OU_PATH.test(ouPath)
    ? null
    : `${field} must be a slash-separated path from the root such as /Contoso/Customer Service, got ${JSON.stringify(ouPath)}`;
}

function nextProblems(where: string, next: IvrNext | undefined, blockNames: ReadonlySet<string>, refs: IvrReferences, selfId: string): string[] {
  if (!next || typeof next !== 'object') return [`${where} is required: { "Kind": "block" | "queue" | "user" | "number" | "ivr" | "hangup", "Target": ... }`];
  switch (next.type) {
    case 'block':
      return blockNames.has(next.block) ? [] : [`${where}.Target: no block named ${JSON.stringify(next.block)} in this IVR`];
    case 'queue':
      return refs.hasQueue(next.queueId) ? [] : [`${where}.Target: no queue ${next.queueId}`];
    case 'user':
      return refs.hasUser(next.userId) ? [] : [`${where}.Target: no user ${next.userId}`];
    case 'ivr':
      if (next.ivrId.toLowerCase() === selfId.toLowerCase())
        return [`${where}.Target: an IVR cannot transfer to itself (use Kind "block" to go back to a block)`];
      return refs.hasIvr(next.ivrId) ? [] : [`${where}.Target: no IVR ${next.ivrId}`];
    case 'external':
      return PHONE_NUMBER.test(next.number) ? [] : [`${where}.Target must be a phone number such as +358101231234 for Kind "number"`];
    case 'hangup':
      return [];
    default:
      return [`${where}.Kind must be one of: ${IVR_NEXT_KINDS.join(', ')}`];
  }
}

function blockProblems(where: string, block: IvrBlock, names: ReadonlySet<string>, refs: IvrReferences, selfId: string): string[] {
  const problems: string[] = [];
  if (block.seconds !== undefined && block.seconds !== null && !(Number.isFinite(block.seconds) && block.seconds >= 0 && block.seconds <= 600)) {
    problems.push(`${where}.Seconds must be 0..600`);
  }
  if (block.type !== 'Message') {
    if (!PARAMETER_NAME.test(block.parameterName ?? ''))
      problems.push(`${where}.ParameterName must be a variable name such as AccountNumber (letters, digits, _)`);
    const slot = block.dataValue;
    if (slot !== undefined && slot !== null && !(Number.isInteger(slot) && slot >= 1 && slot <= IVR_DATA_VALUE_SLOTS)) {
      problems.push(`${where}.DataValue must be 1..${IVR_DATA_VALUE_SLOTS} (the DataValue01..20 field the input is written to)`);
    }
  }
  switch (block.type) {
    case 'Menu': {
      if (!Array.isArray(block.options) || block.options.length === 0) return [...problems, `${where}.Options must list 1..${MAX_MENU_OPTIONS} options`];
      const keys = new Set<string>();
      block.options.forEach((option, i) => {
        const at = `${where}.Options[${i}]`;
        if (!(MENU_KEYS as readonly string[]).includes(option.key)) problems.push(`${at}.Key must be one of ${MENU_KEYS.join(' ')}`);
        else if (keys.has(option.key)) problems.push(`${at}.Key ${option.key} is used twice in this menu`);
        keys.add(option.key);
        if (option.weight !== undefined && !(Number.isFinite(option.weight) && option.weight > 0)) problems.push(`${at}.Weight must be > 0`);
        problems.push(...nextProblems(`${at}.Next`, option.next, names, refs, selfId));
      });
      return problems;
    }
    case 'InputDigits':
      if (!(
        Number.isInteger(block.minDigits) &&
        Number.isInteger(block.maxDigits) &&
        block.minDigits >= 1 &&
        block.minDigits <= block.maxDigits &&
        block.maxDigits <= 32
      )) {
        problems.push(`${where}: MinDigits and MaxDigits must be 1..32 with MinDigits <= MaxDigits`);
      }
      return [...problems, ...nextProblems(`${where}.Next`, block.next, names, refs, selfId)];
    case 'SpeechInput':
      if (!Array.isArray(block.choices) || block.choices.length === 0 || block.choices.some((c) => typeof c !== 'string' || c.trim() === '')) {
        problems.push(`${where}.Choices must list the phrases a caller may say (1 or more non-empty texts)`);
      }
      return [...problems, ...nextProblems(`${where}.Next`, block.next, names, refs, selfId)];
    case 'Message':
      return [...problems, ...nextProblems(`${where}.Next`, block.next, names, refs, selfId)];
    default:
      return [`${where}.Type must be one of: ${IVR_BLOCK_TYPES.join(', ')}`];
  }
}

/** Every problem of the IVR, worded for a 400; empty when it can be simulated. */
export function ivrProblems(ivr: IvrData, refs: IvrReferences): string[] {
  const problems: string[] = [];
  const ou = ouPathProblem('OuPath', ivr.ouPath);
  if (ou) problems.push(ou);
  if (!Array.isArray(ivr.blocks) || ivr.blocks.length === 0 || ivr.blocks.length > MAX_IVR_BLOCKS) {
    return [...problems, `Blocks must list 1..${MAX_IVR_BLOCKS} blocks; the caller starts at the first`];
  }
  const names = new Set<string>();
  ivr.blocks.forEach((block, i) => {
    if (names.has(block.name)) problems.push(`Blocks[${i}].Name ${JSON.stringify(block.name)} is used twice; block names are unique in an IVR`);
    names.add(block.name);
  });
  ivr.blocks.forEach((block, i) => problems.push(...blockProblems(`Blocks[${i}]`, block, names, refs, ivr.id)));
  return problems;
}
