import Ajv, { type ValidateFunction } from 'ajv';
import { EVENT_TYPES } from './event-catalog';
import { payloadJsonSchema } from './payload-json-schema';

/** For specs: checks payloads against the served JSON Schemas with ajv, as a receiver would. */
const validators = new Map<string, ValidateFunction>();

export function payloadValidator(eventType: string): ValidateFunction {
  let validate = validators.get(eventType);
  if (!validate) {
    const def = EVENT_TYPES.find((d) => d.name === eventType);
    if (!def) throw new Error(`no event type ${eventType}`);
    // strict: an unknown keyword or a mistyped schema fails here, not silently in a receiver's validator.
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true, formats: { uuid: true } });
    validators.set(eventType, (validate = ajv.compile(payloadJsonSchema(def))));
  }
  return validate;
}

/** What the payload's own schema (by its EventType) says is wrong; empty when it is valid. */
export function payloadSchemaErrors(payload: Record<string, unknown>): string[] {
  const eventType = String(payload.EventType);
  const validate = payloadValidator(eventType);
  return validate(payload) ? [] : (validate.errors ?? []).map((e) => `${eventType} ${e.instancePath || '/'} ${e.message}`);
}
