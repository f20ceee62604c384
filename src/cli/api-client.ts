import { ApiError, UsageError } from './cli-errors';

export interface ApiTarget {
  url: string;
  adminKey?: string;
}

/** --url, else EMULATOR_URL, else the default address; --admin-key, else ADMIN_API_KEY. */
export function apiTarget(values: { url?: string; 'admin-key'?: string }, env: NodeJS.ProcessEnv): ApiTarget {
  const given = values.url ?? env.EMULATOR_URL ?? 'http://127.0.0.1:3000';
  // Checked before anything runs, so `tail` does not announce a watch on an address it cannot use.
  if (!/^https?:\/\/[^/\s]/i.test(given) || !URL.canParse(given)) {
    throw new UsageError(`${values.url !== undefined ? '--url' : 'EMULATOR_URL'} must be the emulator's http:// or https:// address, got "${given}"`);
  }
  const url = given.replace(/\/+$/, '');
  return { url, adminKey: values['admin-key'] ?? (env.ADMIN_API_KEY || undefined) };
}

/** One admin API call; a non-2xx answer becomes an ApiError with the API's own message. */
export async function callApi<T>(target: ApiTarget, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.adminKey) headers['x-admin-key'] = target.adminKey;
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(`cannot reach the emulator at ${target.url} (set --url or EMULATOR_URL): ${(e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      const parsed = JSON.parse(text) as { message?: string | string[] };
      if (parsed.message) message = Array.isArray(parsed.message) ? parsed.message.join('; ') : parsed.message;
    } catch {
      // not JSON: show it as it is
    }
    throw new ApiError(`${method} ${path}: ${res.status} ${message}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
