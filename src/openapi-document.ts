import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from './auth/public.decorator';
import { payloadComponentSchemas } from './catalog/payload-json-schema';
import { packageVersion } from './cli/main';
import { addErrorContract } from './common/errors/openapi-errors';
import { namedSchemas } from './common/openapi/schema';

/**
 * The admin API's OpenAPI document (/docs/json): the routes' decorators, the named response
 * schemas, the 34 payloads and emit requests from the catalog, and the one error shape on every
 * operation. `npm test` lints it with Redocly and type-checks a client generated from it.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Enreach webhook emulator')
      .setDescription('Admin API: events, webhooks, deliveries, simulation, SmartRouting and scenarios')
      .setVersion(packageVersion())
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      // Relative first, so /docs "Try it out" calls the emulator that served the page, on whatever PORT.
      .addServer('/', 'This emulator (the address the document was read from)')
      .addServer('http://127.0.0.1:3000', 'The emulator on its default PORT')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Admin-Key' }, 'admin-key')
      .addSecurityRequirements('admin-key')
      .build(),
  );
  document.components = { ...document.components, schemas: { ...payloadComponentSchemas(), ...namedSchemas(), ...document.components?.schemas } };
  for (const item of Object.values(document.paths)) {
    for (const op of [item.get, item.put, item.post, item.patch, item.delete]) {
      if (!op || !(PUBLIC_EXTENSION in op)) continue;
      delete (op as Record<string, unknown>)[PUBLIC_EXTENSION];
      op.security = []; // open without ADMIN_API_KEY
    }
  }
  return addErrorContract(document);
}
