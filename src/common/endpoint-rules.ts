import { BlockList, isIP } from 'node:net';

export interface EndpointRuleOptions {
  /** ALLOW_ANY_ENDPOINT_PORT: relaxes only the port rule, for local receivers. */
  allowAnyPort: boolean;
  /** ALLOWED_ENDPOINT_HOSTS: when not empty, the only hosts an endpoint may name (see hostAllowed). */
  allowedHosts?: readonly string[];
}

/** The endpoint rules as configured (the config's shape, not AppConfig: common imports no feature). */
export function endpointRules(config: { webhooks: { allowAnyEndpointPort: boolean; allowedEndpointHosts: readonly string[] } }): EndpointRuleOptions {
  return { allowAnyPort: config.webhooks.allowAnyEndpointPort, allowedHosts: config.webhooks.allowedEndpointHosts };
}

/**
 * Whether a URL's host name matches one entry: a name (exact), `*.suffix` (any subdomain), an IP
 * address, or an IP range in CIDR form. The name is matched as written, not resolved: a shared
 * installation that must keep endpoints off private ranges lists public names only.
 */
export function hostAllowed(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const family = isIP(host);
  return patterns.some((raw) => {
    const pattern = raw.toLowerCase().replace(/^\[|\]$/g, '');
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
    const [address, bits] = pattern.split('/');
    if (bits !== undefined && family !== 0 && isIP(address) !== 0) {
      const list = new BlockList();
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      try {
        list.addSubnet(address, Number(bits), type);
      } catch {
        return false;
      }
      return list.check(host, family === 6 ? 'ipv6' : 'ipv4');
    }
    return host === pattern;
  });
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
  if (options.allowedHosts?.length && !hostAllowed(url.hostname, options.allowedHosts)) {
    return `host "${url.hostname}" is not in ALLOWED_ENDPOINT_HOSTS (${options.allowedHosts.join(', ')})`;
  }
  return null;
}
