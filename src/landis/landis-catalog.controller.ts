import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, t } from '../common/openapi/schema';
import { LandisEventTypeDetailResponse, LandisEventTypeResponse } from './landis-catalog.response';
import { NotFoundError } from '../common/errors/domain-errors';
import { NameParamPipe } from '../common/name-param.pipe';
import { getLandisEvent, LANDIS_EVENTS, suggestLandisEventName } from './landis-catalog';
import { describeLandisEvent, landisEventWithSample } from './landis-catalog.presenter';

const QUEUE_EXAMPLE = landisEventWithSample(getLandisEvent('App.QueueWebhook')!);

/**
 * Landis's webhook events beside Enreach's catalog (/api/event-types). A route of its own: the
 * Landis folder builds on the catalog's .NET formats, so the catalog cannot list Landis's events.
 */
@ApiTags('event types')
@Controller('api/landis/event-types')
export class LandisCatalogController {
  @Get()
  @ApiOperation({ summary: "Landis's 3 webhook events (App.TestWebhook, App.QueueWebhook, App.IvrWebhook) with their Data properties" })
  @ApiAnswer(200, t.array(LandisEventTypeResponse), "In the document's order")
  list() {
    return LANDIS_EVENTS.map((def) => describeLandisEvent(def));
  }

  @Get(':name')
  @ApiOperation({ summary: 'One Landis webhook event with a realistic sample POST body (ABP envelope, Attempt 1)' })
  // The receivers' payload family in the OpenAPI document, with a whole App.QueueWebhook body as the example.
  @ApiAnswer(200, { allOf: [LandisEventTypeDetailResponse], example: QUEUE_EXAMPLE }, 'The event, its Data properties and a sample POST body')
  get(@Param('name', new NameParamPipe()) name: string) {
    const def = getLandisEvent(name);
    if (!def) {
      const hint = suggestLandisEventName(name);
      throw new NotFoundError(
        `No Landis webhook event "${name}"${hint ? `; did you mean ${hint}?` : ` (one of ${LANDIS_EVENTS.map((e) => e.name).join(', ')})`}`,
      );
    }
    return landisEventWithSample(def);
  }
}
