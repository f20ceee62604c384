import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ValidationProblem } from '../errors/domain-errors';
import { declaresParameter } from './route-parameters';

/**
 * A query parameter sent to an admin route that reads none (`GET /api/users?limit=0`) is refused
 * as the unknown parameters of the other routes are, not silently ignored: the client would believe
 * it filtered or paged. Outside /api (the console's files, /health, /metrics) queries stay free.
 */
@Injectable()
export class UnexpectedQueryGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<{ path: string; query?: unknown }>();
    const names = req.query && typeof req.query === 'object' ? Object.keys(req.query) : [];
    if (names.length === 0 || !req.path.startsWith('/api/') || declaresParameter(context, RouteParamtypes.QUERY)) return true;
    throw new ValidationProblem(`this route takes no query parameters (got ${names.slice(0, 5).join(', ')})`);
  }
}
