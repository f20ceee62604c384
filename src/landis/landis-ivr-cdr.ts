import { formatAbpDateTime } from './abp-json';
import {
  cdrHead,
  cdrOrigin,
  LandisFactsError,
  millisecondsBetween,
  requireGuid,
  requireText,
  transferTarget,
  type LandisCallIdentity,
  type LandisTransferTarget,
} from './landis-call-facts';
import type { LANDIS_IVR_BLOCK_TYPES } from './landis-catalog.data';
import type { LandisIvrInput, LandisIvrWebhookData } from './landis.types';

/** App.IvrWebhook Data from a finished IVR call. */

export type LandisIvrBlockType = (typeof LANDIS_IVR_BLOCK_TYPES)[number];

export interface LandisIvrInputFact {
  id: string;
  at: Date;
  blockName: string;
  blockType: LandisIvrBlockType;
  /** The variable the block stored the input in, e.g. "MenuChoice", "AccountNumber". */
  parameterName: string;
  parameterValue: string;
}

/** How the call left the IVR: transferred somewhere, or `None` when the caller hung up. */
export type LandisIvrOutcome = LandisTransferTarget | { type: 'None' };

/** DataValue01 ... DataValue20. */
export const LANDIS_DATA_VALUE_COUNT = 20;

export interface LandisIvrCallFacts extends LandisCallIdentity {
  ivr: { id: string; name: string };
  startedAt: Date;
  endedAt: Date;
  /** In the order the caller gave them. */
  inputs: readonly LandisIvrInputFact[];
  /** Index 0 is DataValue01; missing or null entries are sent as null. At most 20. */
  dataValues: readonly (string | null)[];
  outcome: LandisIvrOutcome;
}

function inputData(facts: LandisIvrCallFacts): LandisIvrInput[] {
  let previous = facts.startedAt;
  return facts.inputs.map((input, i) => {
    const what = `inputs[${i}]`;
    millisecondsBetween(previous, input.at, `${what}.at (inputs in order, within the call)`);
    millisecondsBetween(input.at, facts.endedAt, `${what}.at (within the call)`);
    previous = input.at;
    return {
      ID: requireGuid(input.id, `${what}.id`),
      InputDateTime: formatAbpDateTime(input.at),
      BlockName: requireText(input.blockName, `${what}.blockName`),
      ParameterName: requireText(input.parameterName, `${what}.parameterName`),
      ParameterValue: input.parameterValue,
      BlockType: input.blockType,
    };
  });
}

function outcomeFields(outcome: LandisIvrOutcome): Pick<LandisIvrWebhookData, 'TransferType' | 'TrasnferToId' | 'TransferToName'> {
  if (outcome.type === 'None') return { TransferType: 'None', TrasnferToId: null, TransferToName: null };
  const target = transferTarget(outcome);
  return { TransferType: target.type, TrasnferToId: target.id, TransferToName: target.name };
}

function dataValue(facts: LandisIvrCallFacts, slot: number): string | null {
  return facts.dataValues[slot - 1] ?? null;
}

export function buildIvrWebhookData(facts: LandisIvrCallFacts): LandisIvrWebhookData {
  if (facts.dataValues.length > LANDIS_DATA_VALUE_COUNT) {
    throw new LandisFactsError(`dataValues has ${facts.dataValues.length} entries; the IVR CDR has ${LANDIS_DATA_VALUE_COUNT} fields`);
  }
  const v = (slot: number): string | null => dataValue(facts, slot);
  return {
    ...cdrHead(facts, facts.startedAt, facts.endedAt),
    IvrId: requireGuid(facts.ivr.id, 'ivr.id'),
    IvrName: requireText(facts.ivr.name, 'ivr.name'),
    ...cdrOrigin(facts),
    ...outcomeFields(facts.outcome),
    IvrInputs: inputData(facts),
    DataValue01: v(1),
    DataValue02: v(2),
    DataValue03: v(3),
    DataValue04: v(4),
    DataValue05: v(5),
    DataValue06: v(6),
    DataValue07: v(7),
    DataValue08: v(8),
    DataValue09: v(9),
    DataValue10: v(10),
    DataValue11: v(11),
    DataValue12: v(12),
    DataValue13: v(13),
    DataValue14: v(14),
    DataValue15: v(15),
    DataValue16: v(16),
    DataValue17: v(17),
    DataValue18: v(18),
    DataValue19: v(19),
    DataValue20: v(20),
  };
}
