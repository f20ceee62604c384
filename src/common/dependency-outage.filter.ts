import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { DEPENDENCY_NAMES, dependencyOutage } from './dependency-outage';

/**
 * PostgreSQL or Redis unavailable: 503 with Retry-After and the dependency's name, never a 500.
 * Every other error goes on to Nest's own handling.
 */
@Catch()
export class DependencyOutageFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const outage = host.getType() === 'http' ? dependencyOutage(exception) : null;
    if (!outage) return super.catch(exception, host);
    const res = host.switchToHttp().getResponse<Response>();
    const name = DEPENDENCY_NAMES[outage.dependency];
    res
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(outage.retryAfterSeconds))
      .json({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: `${name} is unavailable; retry in ${outage.retryAfterSeconds} s`,
        Dependency: outage.dependency,
      });
  }
}
