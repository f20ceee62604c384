export interface EndpointRuleOptions {
  /** ALLOW_ANY_ENDPOINT_PORT: relaxes only the port rule, for local receivers. */
  allowAnyPort: boolean;
}

/**
 * The platform's rules for a receiver URL ("HTTPS only", "must listen in default HTTPS port 443").
 * Returns why the URL is refused, or null when it is acceptable. Used when a webhook or SmartRouting
 * endpoint is configured and again right before every request.
 */
export function endpointUrlProblem(value: unknown, options: EndpointRuleOptions): string | null {
  if (Array.isArray(value)) {
    return 'one URL per endpoint: load-balancing sets and failovers are not supported (run your own load balancer)';
  }
  if (typeof value !== 'string' || value.trim() === '') return 'must be an absolute https:// URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL`;
  }
  if (url.protocol !== 'https:') return `must use https:// (got ${url.protocol}//): plain HTTP is not allowed`;
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not carry credentials in the URL';
  if (url.port && url.port !== '443' && !options.allowAnyPort) {
    return `must use the default HTTPS port 443 (got ${url.port}); set ALLOW_ANY_ENDPOINT_PORT=true for local receivers`;
  }
  return null;
}
