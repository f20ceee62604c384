import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NameParamPipe } from '../common/name-param.pipe';
import { SeededRandom } from '../common/seeded-random';
import { EVENT_TYPES, getHelperType, listElementTypeName, resolveEventType, suggestEventTypeName } from './event-catalog';
import { DEFAULT_SAMPLE_NOW } from './sample-world';
import { makeEvent } from './event-factory';
import type { EventTypeDefinition } from './catalog.types';
import { NotFoundError } from '../common/errors/domain-errors';
import { ApiAnswer, t } from '../common/openapi/schema';
import { EventTypeDetailResponse, EventTypeResponse, PayloadJsonSchemaResponse } from './catalog.response';
import { payloadJsonSchema } from './payload-json-schema';

function resolveOrFail(name: string) {
  const resolved = resolveEventType(name);
  if (!resolved) {
    const hint = suggestEventTypeName(name);
    // Landis's webhook events have their own catalog route.
    const landis = /^App\./i.test(name) ? ' (Landis webhook events: GET /api/landis/event-types)' : '';
    throw new NotFoundError(`No event type "${name}"${hint ? `; did you mean ${hint}?` : landis}`);
  }
  return resolved;
}

function describe(def: EventTypeDefinition) {
  return {
    Name: def.name,
    EntityType: def.entityType,
    EntityIdProperty: def.entityIdProperty,
    Description: def.description,
    Properties: def.properties.map((p) => {
      const helper = listElementTypeName(p.type);
      return {
        Name: p.name,
        Type: p.type,
        Description: p.description,
        ...(p.enum ? { AllowedValues: p.enum } : {}),
        ...(helper ? { ElementProperties: getHelperType(helper)?.properties.map((h) => ({ Name: h.name, Type: h.type, Description: h.description })) } : {}),
      };
    }),
  };
}

@ApiTags('event types')
@Controller('api/event-types')
export class CatalogController {
  @Get()
  @ApiOperation({ summary: 'The 34 event types with their entity, description and properties' })
  @ApiAnswer(200, t.array(EventTypeResponse), 'In catalog order')
  list() {
    return EVENT_TYPES.map((def) => describe(def));
  }

  @Get(':name')
  @ApiOperation({ summary: 'One event type (or alias) with a realistic sample payload' })
  @ApiAnswer(200, EventTypeDetailResponse, 'The type, its properties and a sample payload (the same every time)')
  get(@Param('name', new NameParamPipe()) name: string) {
    const resolved = resolveOrFail(name);
    // The same sample every time for a type, so documentation and tests can quote it.
    const rng = new SeededRandom(resolved.def.name);
    const sample = makeEvent(resolved.def.name, {}, { rng, timestamp: DEFAULT_SAMPLE_NOW, id: rng.fork('id').uuid() });
    return { ...describe(resolved.def), ...(resolved.aliasOf ? { AliasOf: resolved.aliasOf } : {}), SamplePayload: sample };
  }

  @Get(':name/schema')
  @ApiOperation({ summary: "An event type's payload (or an alias's) as a JSON Schema, to validate what your receiver gets" })
  @ApiAnswer(200, PayloadJsonSchemaResponse, 'JSON Schema draft-07; also in this document as components.schemas.<EventType>Payload')
  schema(@Param('name', new NameParamPipe()) name: string) {
    return payloadJsonSchema(resolveOrFail(name).def);
  }
}
