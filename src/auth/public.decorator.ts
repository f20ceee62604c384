import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'isPublic';
/** The mark the OpenAPI document turns into `security: []` (Nest drops an empty security list). */
export const PUBLIC_EXTENSION = 'x-public';
/** Marks a route that needs no admin API key (health, metrics). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
