import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ValidationProblem } from '../errors/domain-errors';
import { declaresParameter } from './route-parameters';

/**
 * Fields sent to a route that reads no body (`POST /api/simulation/resume {"Seconds": 5}`) is a
 * mistake the client should hear about, not something silently ignored.
 */
@Injectable()
export class UnexpectedBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    // An empty object says nothing, and many clients send one with every POST.
    const fields = body && typeof body === 'object' ? Object.keys(body) : [];
    if (fields.length === 0 || declaresParameter(context, RouteParamtypes.BODY)) return true;
    throw new ValidationProblem(`this route takes no request body (got ${fields.slice(0, 5).join(', ')})`);
  }
}
