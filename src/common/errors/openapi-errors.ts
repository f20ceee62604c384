import type { OpenAPIObject } from '@nestjs/swagger';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: {
      type: 'array',
      items: { type: 'string' },
      description: 'What is wrong, each naming the field or thing and the value',
      example: ['limit must not be greater than 1000, got "5000"'],
    },
  },
};

const RESPONSES: Record<string, string> = {
  '400': 'Malformed input: a field has the wrong type, range or characters; JSON too deep; a body where none is taken',
  '401': 'ADMIN_API_KEY is set and the request does not carry it',
  '403': 'Without ADMIN_API_KEY: a foreign Host or Origin (DNS rebinding, cross-site requests)',
  '404': 'What the request names does not exist',
  '409': 'A duplicate, or the thing is still in use',
  '413': 'The body is larger than the limit',
  '415': 'A body that is not application/json',
  '503': 'A dependency is down or the simulation has no organisation; retry after Retry-After seconds',
};

const RETRY_AFTER = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } };

/** Documents the one error shape on every operation of the OpenAPI document. */
export function addErrorContract(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ErrorResponse: ERROR_SCHEMA } };
  const ref = { $ref: '#/components/schemas/ErrorResponse' };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (!op) continue;
      for (const [status, description] of Object.entries(RESPONSES)) {
        // A route open without the key (security: []) never answers 401.
        if (status === '401' && Array.isArray(op.security) && op.security.length === 0) continue;
        op.responses[status] ??= {
          description,
          content: { 'application/json': { schema: ref } },
          ...(status === '503' ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
        };
      }
    }
  }
  return document;
}
