import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { IS_PUBLIC } from './public.decorator';

/** When ADMIN_API_KEY is set, every admin route needs it as `X-Admin-Key` or `Authorization: Bearer`. */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  private readonly key: Buffer | null;

  constructor(
    config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.key = config.http.adminApiKey ? Buffer.from(config.http.adminApiKey) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.key) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers['x-admin-key'];
    const bearer = request.headers.authorization?.replace(/^Bearer\s+/i, '');
    const given = Buffer.from((typeof header === 'string' ? header : undefined) ?? bearer ?? '');
    if (given.length === this.key.length && timingSafeEqual(given, this.key)) return true;
    throw new UnauthorizedException('This admin API requires the key set in ADMIN_API_KEY, as X-Admin-Key or Authorization: Bearer');
  }
}
