import { isIP } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../errors/error-body';

/** The host part of a Host header or URL authority (`[::1]:3000` -> `::1`), lower case. */
export function hostName(authority: string): string {
  const a = authority.trim().toLowerCase();
  if (a.startsWith('[')) return a.slice(1, a.indexOf(']') > 0 ? a.indexOf(']') : undefined);
  const colon = a.lastIndexOf(':');
  return colon >= 0 && a.indexOf(':') === colon ? a.slice(0, colon) : a;
}

/**
 * Whether a Host header names this server rather than someone else's domain. A DNS-rebinding page
 * reaches the loopback API under its own domain name, so only IP literals, localhost names and the
 * names configured (HOST, ADMIN_ALLOWED_HOSTS) are accepted.
 */
export function isAllowedHost(authority: string | undefined, allowed: readonly string[]): boolean {
  if (!authority) return false;
  const name = hostName(authority);
  if (name === '' || isIP(name) !== 0) return name !== '';
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((a) => a.toLowerCase() === name);
}

/** A request from a web page of another origin, or from an opaque one ("null"). */
export function isForeignOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return false;
  try {
    const url = new URL(origin);
    return !host || url.host.toLowerCase() !== host.trim().toLowerCase();
  } catch {
    return true;
  }
}

/**
 * Without ADMIN_API_KEY nothing else tells a local tool from a web page the user happens to visit:
 * refuse a foreign Host (DNS rebinding) and a foreign Origin (cross-site requests) with 403.
 */
export function hostCheckMiddleware(allowedHosts: readonly string[]) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const host = req.headers.host;
    if (!isAllowedHost(host, allowedHosts)) {
      return sendError(
        res,
        403,
        `Host "${String(host ?? '').slice(0, 100)}" is not this server; without ADMIN_API_KEY only localhost, IP addresses and ADMIN_ALLOWED_HOSTS are served`,
      );
    }
    const origin = req.headers.origin;
    if (isForeignOrigin(origin, host)) {
      return sendError(res, 403, `Origin "${String(origin).slice(0, 100)}" is another site; without ADMIN_API_KEY the admin API takes no cross-site requests`);
    }
    next();
  };
}
